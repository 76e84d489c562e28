import type pg from 'pg';
import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import { INCIDENT_CHANGED_CHANNEL } from '@/lib/correlate/channels';
import { INCIDENT_COLUMNS, incidentRowToDto, parseReasons, type IncidentRow } from '@/lib/correlate/incident-dto';
import { pushIncidents } from '@/lib/correlate/push-batch';
import { orderReasons, reasonText, scoreOf } from '@/lib/correlate/reasons';
import { ZAssignBody, ZWorkflowNote, type IncidentDto, type IncidentStatus } from '@/lib/domain/incident';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';

export const WORKFLOW_ACTIONS = ['acknowledge', 'assign', 'escalate', 'close'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

const ZId = z.uuid();
const NEXT: Record<WorkflowAction, (s: IncidentStatus) => IncidentStatus> = {
  // Acknowledging an escalated or assigned incident records who saw it without undoing the escalation.
  acknowledge: (s) => (s === 'open' ? 'acknowledged' : s),
  assign: (s) => (s === 'escalated' ? s : 'assigned'),
  escalate: () => 'escalated',
  close: () => 'closed',
};

/**
 * Acknowledge / assign / escalate / close: one transaction (row lock, status, history with who and when, NOTIFY
 * so the correlator reloads operator-owned state), then the new DTO is pushed to every console of the agency.
 */
export async function transitionIncident(
  rt: Pick<Runtime, 'pool' | 'io'>,
  user: SessionUser,
  id: string,
  action: WorkflowAction,
  body: unknown,
): Promise<IncidentDto> {
  if (!ZId.safeParse(id).success) throw new AppError('NOT_FOUND', 'No such incident');
  const parsed = action === 'assign' ? ZAssignBody.safeParse(body) : ZWorkflowNote.safeParse(body ?? {});
  if (!parsed.success) throw invalid(parsed.error, 'body');
  const note = 'note' in parsed.data && parsed.data.note ? ` — ${parsed.data.note}` : '';
  const callSign = 'callSign' in parsed.data ? parsed.data.callSign : null;

  const client: pg.PoolClient = await rt.pool.connect();
  let dto: IncidentDto;
  try {
    await client.query('BEGIN');
    const cur = await client.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incident i WHERE i.id = $1 AND i.agency_id = $2 FOR UPDATE`, [id, user.agencyId]);
    const row = cur.rows[0];
    if (!row) throw new AppError('NOT_FOUND', 'No such incident');
    if (row.status === 'closed' || row.status === 'merged') throw new AppError('CONFLICT', `Incident ${row.number} is ${row.status}`);
    const status = NEXT[action](row.status);
    let reasons = parseReasons(row.reasons);
    let change = action === 'close' ? `closed by ${user.username}` : `acknowledged by ${user.username}`;
    if (action === 'assign') {
      change = `unit ${callSign} assigned by ${user.username}`;
      await client.query(
        `INSERT INTO incident_unit (incident_id, call_sign, unit_id, source)
         SELECT $1, $2, (SELECT id FROM unit WHERE agency_id = $3 AND call_sign = $2), 'assigned'
         ON CONFLICT (incident_id, call_sign) DO UPDATE SET source = 'assigned', linked_at = now()`,
        [id, callSign, user.agencyId],
      );
    }
    if (action === 'escalate') {
      change = `escalated by ${user.username}`;
      if (!reasons.some((r) => r.key === 'escalated')) {
        reasons = orderReasons([...reasons, reasonText.escalated()]);
        change += `; + ${reasonText.escalated().text} (+${reasonText.escalated().weight})`;
      }
    }
    if (row.status !== status) change += ` (${row.status} → ${status})`;
    const upd = await client.query<IncidentRow>(
      `UPDATE incident i SET status = $2, reasons = $3::jsonb, score = $4, updated_at = now(),
              closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE i.closed_at END,
              closed_by = CASE WHEN $2 = 'closed' THEN 'operator' ELSE i.closed_by END
        WHERE i.id = $1 RETURNING ${INCIDENT_COLUMNS}`,
      [id, status, JSON.stringify(reasons), scoreOf(reasons)],
    );
    await client.query(`INSERT INTO incident_history (incident_id, actor, change, score, reasons) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
      id, user.id, change + note, scoreOf(reasons), JSON.stringify(reasons),
    ]);
    await client.query('SELECT pg_notify($1, $2)', [INCIDENT_CHANGED_CHANNEL, id]);
    await client.query('COMMIT');
    dto = incidentRowToDto(upd.rows[0]!);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  pushIncidents(rt, new Map([[user.agencyId, [dto]]]));
  return dto;
}
