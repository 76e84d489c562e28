import type pg from 'pg';
import type { DashboardDto } from '@/lib/domain/dashboard';
import { seqReceivedSince } from '@/lib/ingest/seq-received-since';
import type { Period } from './period';

const KEY = Symbol.for('rtcc.dashboardSeqSince');
const BOUND_TTL_MS = 60_000;

/**
 * A seq bound for "received in the last `hours`", found by bisecting (~25 round trips, each waiting for a busy
 * CPU) at most once a minute per process: a bound a minute old only reads a minute more of rows. Callers ask for
 * an hour more than they read, so a minute-old bound (and the milliseconds two commits may overlap) stays below.
 */
async function cachedSeqSince(pool: pg.Pool, hours: number): Promise<bigint> {
  const g = globalThis as { [KEY]?: WeakMap<pg.Pool, Map<number, { at: number; seq: bigint }>> };
  const byPool = (g[KEY] ??= new WeakMap());
  let cache = byPool.get(pool);
  if (!cache) byPool.set(pool, (cache = new Map()));
  const hit = cache.get(hours);
  if (hit && Date.now() - hit.at < BOUND_TTL_MS) return hit.seq;
  const seq = await seqReceivedSince(pool, hours);
  cache.set(hours, { at: Date.now(), seq });
  return seq;
}

interface Row {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  last_at: Date | null;
  n_hour: number | null;
  lag: number | null;
  accepted: number | null;
  rejected: number | null;
}

/**
 * Each source of the agency: when it last sent (received time, last 24 h), events in the last hour, its lag
 * (received − occurred, median over the last hour: how late its events reach us), and its error rate over the
 * period (refused ingest requests / all, lib/ingest/source-outcomes.ts). Bounded by seq like the admin list, and
 * to the last hour's rows: a source that sent in the last hour sent last there. Only a source silent for the
 * hour sends the read back over the day, for that source alone.
 */
export async function sourceHealth(pool: pg.Pool, agencyId: string, p: Period): Promise<DashboardDto['sources']> {
  const since = await cachedSeqSince(pool, 2);
  const { rows } = await pool.query<Row>(
    `WITH recent AS (
       SELECT source_id, max(received_at) AS last_at, count(*)::int AS n_hour,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM received_at - occurred_at) * 1000)) AS lag
         FROM event
        WHERE seq >= $2::bigint AND received_at > now() - interval '1 hour'
          AND source_id IN (SELECT id FROM source WHERE agency_id = $1)
        GROUP BY source_id),
     outcomes AS (
       SELECT source_id, sum(accepted)::int AS accepted, sum(rejected)::int AS rejected FROM source_ingest_stat
        WHERE hour >= date_trunc('hour', $3::timestamptz) AND hour < $4 AND source_id IN (SELECT id FROM source WHERE agency_id = $1)
        GROUP BY source_id)
     SELECT s.id, s.name, s.kind, s.enabled, r.last_at, r.n_hour, r.lag, o.accepted, o.rejected
       FROM source s LEFT JOIN recent r ON r.source_id = s.id LEFT JOIN outcomes o ON o.source_id = s.id
      WHERE s.agency_id = $1 ORDER BY s.name`,
    [agencyId, since.toString(), p.from.toISOString(), p.to.toISOString()],
  );
  const silent = rows.filter((r) => r.last_at === null).map((r) => r.id);
  if (silent.length) {
    const day = await cachedSeqSince(pool, 25);
    const older = await pool.query<{ source_id: string; last_at: Date }>(
      `SELECT source_id, max(received_at) AS last_at FROM event
        WHERE seq >= $2::bigint AND received_at >= now() - interval '24 hours' AND source_id = ANY($1::uuid[])
        GROUP BY source_id`,
      [silent, day.toString()],
    );
    const lastAt = new Map(older.rows.map((r) => [r.source_id, r.last_at]));
    for (const r of rows) if (r.last_at === null) r.last_at = lastAt.get(r.id) ?? null;
  }
  return rows.map((r) => {
    const accepted = r.accepted ?? 0;
    const rejected = r.rejected ?? 0;
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      enabled: r.enabled,
      lastEventAt: r.last_at?.toISOString() ?? null,
      eventsLastHour: r.n_hour ?? 0,
      lagP50Ms: r.lag === null ? null : Math.round(r.lag),
      accepted,
      rejected,
      errorRate: accepted + rejected ? rejected / (accepted + rejected) : null,
    };
  });
}
