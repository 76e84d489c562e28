import type pg from 'pg';
import type { DashboardDto } from '@/lib/domain/dashboard';
import { CALL_KEY_SQL, CALL_KINDS } from './call-key';
import { callPartsSql, Params, rollupCursor } from './call-parts';
import { hourBuckets, type Period } from './period';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

/**
 * Calls per hour of the period against the same hours one week earlier. A call counts once, in the hour it was
 * first seen (its first event), however many units or status updates it has. `cursor`: the rollup's, read just
 * before (lib/dashboard/call-parts.ts); read here when not given.
 */
export async function callsPerHour(pool: pg.Pool, sourceIds: readonly string[], p: Period, cursor?: string): Promise<DashboardDto['calls']> {
  const n = hourBuckets(p);
  const from = p.from.getTime();
  // Last week's window stops where this one starts (periods over 7 days overlap it): an event counts once.
  const lastWeek = { from: new Date(from - WEEK), to: new Date(Math.min(p.to.getTime() - WEEK, from)) };
  const q = new Params();
  const args = { sources: q.add(sourceIds), kinds: q.add([...CALL_KINDS]), cursor: q.add(cursor ?? (await rollupCursor(pool))), cols: 'first' as const };
  const start = q.add(p.from.toISOString());
  const parts = [`SELECT 0 AS wk, k, first_at FROM (${callPartsSql(q, { ...args, from: p.from, to: p.to })}) w0`];
  if (lastWeek.to > lastWeek.from) parts.push(`SELECT 1, k, first_at FROM (${callPartsSql(q, { ...args, ...lastWeek })}) w1`);
  const { rows } = await pool.query<{ wk: number; bucket: number; calls: number }>(
    `WITH firsts AS (SELECT wk, min(first_at) AS first_at FROM (${parts.join(' UNION ALL ')}) parts GROUP BY wk, k)
     SELECT wk, floor(extract(epoch FROM first_at - (${start}::timestamptz - make_interval(days => 7 * wk))) / 3600)::int AS bucket, count(*)::int AS calls
       FROM firsts GROUP BY 1, 2`,
    q.values,
  );
  const now = new Array<number>(n).fill(0);
  const last = new Array<number>(n).fill(0);
  for (const r of rows) {
    if (r.bucket < 0 || r.bucket >= n) continue;
    (r.wk ? last : now)[r.bucket]! += r.calls;
  }
  return {
    hours: now.map((count, i) => ({ at: new Date(from + i * HOUR).toISOString(), count, lastWeek: last[i]! })),
    total: now.reduce((a, b) => a + b, 0),
    lastWeekTotal: last.reduce((a, b) => a + b, 0),
  };
}

export interface CallRow {
  k: string;
  kind: string;
  title: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  first_at: Date;
  incident_id: string | null;
  score: number | null;
  pri: number | null;
}

/** The calls counted in one bar: first seen in [from, to), with the incident each belongs to. */
export async function selectCallsIn(pool: pg.Pool, sourceIds: readonly string[], p: Period, limit = 2000): Promise<CallRow[]> {
  const { rows } = await pool.query<CallRow>(
    `WITH calls AS (
       SELECT ${CALL_KEY_SQL} AS k, min(e.kind) AS kind, min(e.seq) AS seq, min(e.occurred_at) AS first_at, max(e.title) AS title,
              max(e.address) AS address, avg(e.lat) AS lat, avg(e.lon) AS lon, min(e.priority) AS pri
         FROM event e
        WHERE e.kind = ANY($4::text[]) AND e.source_id = ANY($1::uuid[]) AND e.occurred_at >= $2 AND e.occurred_at < $3
        GROUP BY 1)
     SELECT c.k, c.kind, c.title, c.address, c.lat, c.lon, c.first_at, c.pri, l.incident_id, l.score
       FROM calls c
       LEFT JOIN LATERAL (SELECT i.id AS incident_id, i.score FROM incident_event ie JOIN incident i ON i.id = ie.incident_id
                           WHERE ie.event_seq = c.seq LIMIT 1) l ON true
      ORDER BY c.first_at LIMIT $5`,
    [sourceIds, p.from.toISOString(), p.to.toISOString(), [...CALL_KINDS], limit],
  );
  return rows;
}
