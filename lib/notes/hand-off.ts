import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import { ACTIVE_STATUSES } from '@/lib/domain/incident';
import { ZHandoffBody } from '@/lib/domain/teamwork';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { assertCan } from '@/lib/policy/assert-can';
import { broadcastWatch } from '@/lib/presence/broadcast-watch';
import { loadAssignee } from './assignees';
import { insertNote } from './note-rows';
import { pushNote, pushNotice } from './push-notes';

export interface HandoffResult {
  toUserId: string;
  incidentIds: string[];
}

/**
 * Shift change: the caller passes the active incidents they own (all of them, or the ones listed) to another
 * operator with a note. One transaction: new owners, a 'handoff' note in each thread, an audit row each. Then
 * the recipient hears one notice, and every console the new "monitored by".
 */
export async function handOff(rt: Pick<Runtime, 'pool' | 'io'>, caller: SessionUser, body: unknown, ip: string | null = null): Promise<HandoffResult> {
  const user = assertCan(caller, 'incident.update');
  const parsed = ZHandoffBody.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error);
  const { toUserId, note, incidentIds } = parsed.data;
  if (toUserId === user.id) throw new AppError('BAD_REQUEST', 'toUserId: hand off to someone else', [{ path: 'toUserId', message: 'is yourself' }]);
  const out = await withTransaction(rt.pool, async (client) => {
    const to = await loadAssignee(client, user.agencyId, toUserId, 'toUserId');
    const { rows } = await client.query<{ id: string; number: string }>(
      `SELECT i.id, i.number FROM incident_owner o JOIN incident i ON i.id = o.incident_id
        WHERE o.user_id = $1 AND o.agency_id = $2 AND i.status = ANY($3::text[]) AND ($4::uuid[] IS NULL OR i.id = ANY($4::uuid[]))
        ORDER BY i.opened_at FOR UPDATE OF o`,
      [user.id, user.agencyId, [...ACTIVE_STATUSES], incidentIds ?? null],
    );
    if (incidentIds) {
      const mine = new Set(rows.map((r) => r.id));
      const notMine = incidentIds.filter((id) => !mine.has(id));
      if (notMine.length) throw new AppError('CONFLICT', `Not yours to hand off (not owned by you, or closed): ${notMine.join(', ')}`);
    }
    if (!rows.length) throw new AppError('CONFLICT', 'You own no open incident to hand off');
    await client.query(`UPDATE incident_owner SET user_id = $1, assigned_by = $2, assigned_at = now() WHERE incident_id = ANY($3::uuid[])`, [
      to.userId, user.id, rows.map((r) => r.id),
    ]);
    const notes = [];
    for (const r of rows) {
      const n = await insertNote(client, { incidentId: r.id, agencyId: user.agencyId, author: user, kind: 'handoff', body: `Handed off to ${to.name}: ${note}` });
      notes.push({ note: n, number: r.number });
      await audit(client, { actor: user, action: 'incident.handoff', targetType: 'incident', targetId: r.id, ip, outcome: 'allow', details: { toUserId: to.userId, noteId: n.id } });
    }
    return { to, notes };
  });
  for (const { note: n, number } of out.notes) pushNote(rt, user.agencyId, number, n);
  pushNotice(rt, out.to.userId, {
    kind: 'handoff',
    incidentId: out.notes.length === 1 ? out.notes[0]!.note.incidentId : null,
    incidentNumber: out.notes.length === 1 ? out.notes[0]!.number : null,
    from: user.displayName,
    text: note,
    count: out.notes.length,
    at: new Date().toISOString(),
  });
  if (rt.io) for (const { note: n } of out.notes) await broadcastWatch(rt.io, rt.pool, n.incidentId, user.agencyId);
  return { toUserId: out.to.userId, incidentIds: out.notes.map((n) => n.note.incidentId) };
}
