import type pg from 'pg';
import type { DashboardDto } from '@/lib/domain/dashboard';
import { seqReceivedSince } from '@/lib/ingest/seq-received-since';
import type { Period } from './period';

const KEY = Symbol.for('rtcc.dashboardSeqSince');
const BOUND_TTL_MS = 60_000;

/**
 * The 25-hour seq bound, found by bisecting (~25 round trips, each waiting for a busy CPU) at most once a minute
 * per process: a bound a minute old only reads a minute more of rows, and every dashboard load paid for it.
 */
async function cachedSeqSince(pool: pg.Pool): Promise<bigint> {
  const g = globalThis as { [KEY]?: WeakMap<pg.Pool, { at: number; seq: bigint }> };
  const cache = (g[KEY] ??= new WeakMap());
  const hit = cache.get(pool);
  if (hit && Date.now() - hit.at < BOUND_TTL_MS) return hit.seq;
  const seq = await seqReceivedSince(pool, 25);
  cache.set(pool, { at: Date.now(), seq });
  return seq;
}

/**
 * Each source of the agency: when it last sent (received time, last 24 h), events in the last hour, its lag
 * (received − occurred, median over the last hour: how late its events reach us), and its error rate over the
 * period (refused ingest requests / all, lib/ingest/source-outcomes.ts). Bounded by seq like the admin list.
 */
export async function sourceHealth(pool: pg.Pool, agencyId: string, p: Period): Promise<DashboardDto['sources']> {
  const since = await cachedSeqSince(pool);
  const { rows } = await pool.query<{
    id: string; name: string; kind: string; enabled: boolean; last_at: Date | null; n_hour: number | null; lag: number | null; accepted: number | null; rejected: number | null;
  }>(
    `WITH recent AS (
       SELECT source_id, max(received_at) AS last_at, count(*) FILTER (WHERE received_at > now() - interval '1 hour')::int AS n_hour,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM received_at - occurred_at) * 1000))
                FILTER (WHERE received_at > now() - interval '1 hour') AS lag
         FROM event
        WHERE seq >= $2::bigint AND received_at >= now() - interval '24 hours'
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
