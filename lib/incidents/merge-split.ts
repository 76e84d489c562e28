import type pg from 'pg';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { z } from 'zod';
import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import { INCIDENT_CHANGED_CHANNEL } from '@/lib/correlate/channels';
import { INCIDENT_COLUMNS, incidentRowToDto, parseReasons, type IncidentRow } from '@/lib/correlate/incident-dto';
import { pushIncidents } from '@/lib/correlate/push-batch';
import { priorityWeight, scoreOf } from '@/lib/correlate/reasons';
import { uuidv7 } from '@/lib/correlate/time-ordered-id';
import type { IncidentDto } from '@/lib/domain/incident';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';

/**
 * Operators' merge and split: the human decision is final. A merge folds one incident into another (links and units
 * move, the source is `merged`); a split moves chosen events to a new incident and records the pair as separated,
 * so the correlator never merges them again. Both are one transaction with history, an audit row and a NOTIFY (the
 * correlator reloads them), then pushed to every console of the agency.
 */

export const ZMergeBody = z.strictObject({ intoId: z.uuid(), note: z.string().trim().max(500).optional() });
export const ZSplitBody = z.strictObject({
  eventSeqs: z.array(z.string().regex(/^\d{1,19}$/)).min(1).max(500),
  note: z.string().trim().max(500).optional(),
});

const ZId = z.uuid();
/**
 * A moved link keeps why the event first joined, behind only the latest move: a split and a merge back would
 * otherwise read "merged from A …: split off B …: merged from C …: 911 call 90 m and 2 min after gunshot burst".
 */
const JOIN_REASON = `regexp_replace(reason, '^((merged from|split off) [^ ]+( by an operator)?: )+', '')`;
type Rt = Pick<Runtime, 'pool' | 'io'>;

async function lockActive(c: pg.PoolClient, agencyId: string, id: string): Promise<IncidentRow> {
  if (!ZId.safeParse(id).success) throw new AppError('NOT_FOUND', 'No such incident');
  const { rows } = await c.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incident i WHERE i.id = $1 AND i.agency_id = $2 FOR UPDATE`, [id, agencyId]);
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'No such incident');
  if (row.status === 'closed' || row.status === 'merged') throw new AppError('CONFLICT', `Incident ${row.number} is ${row.status}`);
  return row;
}

const history = (c: pg.PoolClient, id: string, actor: string, change: string, score: number, reasons: unknown) =>
  c.query(`INSERT INTO incident_history (incident_id, actor, change, score, reasons, occurred_at) VALUES ($1, $2, $3, $4, $5::jsonb, now())`,
    [id, actor, change, score, JSON.stringify(reasons)]);

async function finish(c: pg.PoolClient, ids: string[]): Promise<IncidentDto[]> {
  for (const id of ids) await c.query('SELECT pg_notify($1, $2)', [INCIDENT_CHANGED_CHANNEL, id]);
  const { rows } = await c.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incident i WHERE i.id = ANY($1::uuid[])`, [ids]);
  return rows.map(incidentRowToDto);
}

export async function mergeIncident(rt: Rt, user: SessionUser, fromId: string, body: unknown): Promise<IncidentDto> {
  const parsed = ZMergeBody.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'body');
  const { intoId, note } = parsed.data;
  if (intoId === fromId) throw new AppError('CONFLICT', 'An incident cannot be merged into itself');
  const dtos = await withTransaction(rt.pool, async (c) => {
    // Locked in id order, so two operators merging the same pair both ways cannot deadlock.
    const [a, b] = [fromId, intoId].sort();
    const rowA = await lockActive(c, user.agencyId, a!);
    const rowB = await lockActive(c, user.agencyId, b!);
    const from = rowA.id === fromId ? rowA : rowB;
    const into = rowA.id === fromId ? rowB : rowA;
    const why = `merged by ${user.username}${note ? ` — ${note}` : ''}`;
    await c.query(
      `INSERT INTO incident_event (incident_id, event_seq, reason)
       SELECT $2, event_seq, 'merged from ' || $3 || ' by an operator: ' || ${JOIN_REASON} FROM incident_event WHERE incident_id = $1
       ON CONFLICT DO NOTHING`, [from.id, into.id, from.number]);
    await c.query(
      `INSERT INTO incident_unit (incident_id, call_sign, unit_id, source)
       SELECT $2, call_sign, unit_id, source FROM incident_unit WHERE incident_id = $1 ON CONFLICT DO NOTHING`, [from.id, into.id]);
    await c.query(
      `UPDATE incident SET status = 'merged', merged_into = $2, closed_by = 'operator', closed_at = now(), updated_at = now() WHERE id = $1`,
      [from.id, into.id]);
    await c.query(`DELETE FROM incident_separation WHERE (a = $1 AND b = $2) OR (a = $2 AND b = $1)`, [from.id, into.id]);
    await c.query(`UPDATE incident SET updated_at = now(), last_seq = GREATEST(last_seq, $2) WHERE id = $1`, [into.id, from.last_seq]);
    await history(c, from.id, user.id, `merged into ${into.number}: ${why}`, from.score, parseReasons(from.reasons));
    await history(c, into.id, user.id, `merged ${from.number} into this incident: ${why}`, into.score, parseReasons(into.reasons));
    await audit(c, { actor: user, action: 'incident.merge', targetType: 'incident', targetId: into.id, outcome: 'allow', details: { from: from.id, fromNumber: from.number, into: into.id, intoNumber: into.number, note: note ?? null } });
    return finish(c, [from.id, into.id]);
  });
  pushIncidents(rt, new Map([[user.agencyId, dtos]]));
  return dtos.find((d) => d.id === intoId)!;
}

export async function splitIncident(rt: Rt, user: SessionUser, id: string, body: unknown): Promise<IncidentDto> {
  const parsed = ZSplitBody.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'body');
  const seqs = [...new Set(parsed.data.eventSeqs)];
  const note = parsed.data.note;
  let newId = '';
  const dtos = await withTransaction(rt.pool, async (c) => {
    const orig = await lockActive(c, user.agencyId, id);
    const linked = await c.query<{ seq: string; n: number }>(
      `SELECT ie.event_seq::text AS seq, count(*) OVER ()::int AS n FROM incident_event ie WHERE ie.incident_id = $1`, [id]);
    const have = new Set(linked.rows.map((r) => r.seq));
    const missing = seqs.filter((s) => !have.has(s));
    if (missing.length) throw new AppError('CONFLICT', `Events ${missing.slice(0, 5).join(', ')} are not part of incident ${orig.number}`);
    if (seqs.length >= have.size) throw new AppError('CONFLICT', 'A split must leave at least one event in the incident');
    const { rows: evs } = await c.query<{ seq: string; type_code: string; title: string | null; lat: number | null; lon: number | null; address: string | null; priority: number | null; kind: string; t: Date }>(
      `SELECT seq::text AS seq, type_code, title, lat, lon, address, priority, kind, occurred_at AS t FROM event WHERE seq = ANY($1::bigint[]) ORDER BY occurred_at, seq`, [seqs]);
    const first = evs[0]!;
    const maxSeq = evs.reduce((m, e) => (BigInt(e.seq) > m ? BigInt(e.seq) : m), 0n);
    newId = uuidv7();
    const title = first.title ?? first.type_code;
    const reasons = [{ key: 'base', text: `split off ${orig.number} by an operator: ${title}`, weight: priorityWeight(first.priority) }];
    await c.query(
      `INSERT INTO incident (id, agency_id, number, status, type_code, title, lat, lon, address, score, reasons, opened_at, updated_at, last_seq, last_event_at)
       VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10::jsonb, $11, now(), $12, $13)`,
      [newId, user.agencyId, `SPLIT-${first.seq}`, first.type_code, title, first.lat, first.lon, first.address, scoreOf(reasons), JSON.stringify(reasons), first.t, maxSeq.toString(), evs[evs.length - 1]!.t]);
    await c.query(
      `WITH moved AS (DELETE FROM incident_event WHERE incident_id = $1 AND event_seq = ANY($2::bigint[]) RETURNING event_seq, reason)
       INSERT INTO incident_event (incident_id, event_seq, reason) SELECT $3, event_seq, 'split off ' || $4 || ' by an operator: ' || ${JOIN_REASON} FROM moved`,
      [id, seqs, newId, orig.number]);
    await c.query(`INSERT INTO incident_separation (a, b, created_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [id, newId, user.id]);
    // Its links changed: consoles and open workspaces compare updatedAt to see a newer version (and refetch the detail).
    await c.query(`UPDATE incident SET updated_at = now() WHERE id = $1`, [id]);
    const why = `${seqs.length} event${seqs.length === 1 ? '' : 's'} split off by ${user.username}${note ? ` — ${note}` : ''}`;
    await history(c, id, user.id, `${why} into SPLIT-${first.seq}`, orig.score, parseReasons(orig.reasons));
    await history(c, newId, user.id, `${why} from ${orig.number}`, scoreOf(reasons), reasons);
    await audit(c, { actor: user, action: 'incident.split', targetType: 'incident', targetId: id, outcome: 'allow', details: { from: id, fromNumber: orig.number, into: newId, events: seqs, note: note ?? null } });
    return finish(c, [id, newId]);
  });
  pushIncidents(rt, new Map([[user.agencyId, dtos]]));
  return dtos.find((d) => d.id === newId)!;
}
