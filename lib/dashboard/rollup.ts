import type pg from 'pg';
import { CALL_KEY_SQL, CALL_KINDS, DISPATCHED_SQL, ON_SCENE_SQL, RECEIVED_SQL } from './call-key';

/** pg_try_advisory_xact_lock key: one node folds at a time (the others skip that round). */
export const ROLLUP_LOCK = 7261010;
/** Seqs folded per transaction: a backlog (first start on a full database) is caught up in short steps. */
const CHUNK = 50_000;
const EVERY_MS = 2000;

/**
 * The unit rows of a CAD event `e`: SF rows name one `unitId` (sf: their payload holds the call's times); CAD JSON
 * rows list `units` with a status each. Shared by the fold and by the unit board's read of the newest events.
 */
export const UNIT_ROWS_SQL = `CROSS JOIN LATERAL (
    SELECT e.payload->>'unitId' AS unit, true AS sf, NULL::text AS status WHERE e.payload ? 'unitId'
    UNION ALL
    SELECT u->>'callSign', false, coalesce(u->>'status', e.payload->>'status')
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.payload->'units') = 'array' THEN e.payload->'units' ELSE '[]'::jsonb END) u) x`;

/** Hour bucket of an event (UTC, whatever the session's time zone). */
export const HOUR_SQL = `date_bin('1 hour', e.occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')`;

const FOLD_CALLS = `
  INSERT INTO dashboard_call_hour AS t (source_id, hour, kind, call_key, first_seq, first_at, priority, lat_sum, lat_n, lon_sum, lon_n,
                                        title, address, received_at, dispatched_at, on_scene_at)
  SELECT e.source_id, ${HOUR_SQL}, e.kind, ${CALL_KEY_SQL}, min(e.seq), min(e.occurred_at), min(e.priority),
         coalesce(sum(e.lat), 0), count(e.lat), coalesce(sum(e.lon), 0), count(e.lon), max(e.title), max(e.address),
         min(${RECEIVED_SQL}) FILTER (WHERE e.kind = 'cad'), min(${DISPATCHED_SQL}) FILTER (WHERE e.kind = 'cad'),
         min(${ON_SCENE_SQL}) FILTER (WHERE e.kind = 'cad')
    FROM event e
   WHERE e.seq > $1::bigint AND e.seq <= $2::bigint AND e.kind = ANY($3::text[])
   GROUP BY 1, 2, 3, 4
  ON CONFLICT (source_id, hour, kind, call_key) DO UPDATE SET
    first_seq = least(t.first_seq, excluded.first_seq), first_at = least(t.first_at, excluded.first_at),
    priority = least(t.priority, excluded.priority),
    lat_sum = t.lat_sum + excluded.lat_sum, lat_n = t.lat_n + excluded.lat_n,
    lon_sum = t.lon_sum + excluded.lon_sum, lon_n = t.lon_n + excluded.lon_n,
    title = greatest(t.title, excluded.title), address = greatest(t.address, excluded.address),
    received_at = least(t.received_at, excluded.received_at), dispatched_at = least(t.dispatched_at, excluded.dispatched_at),
    on_scene_at = least(t.on_scene_at, excluded.on_scene_at)`;

const FOLD_UNITS = `
  INSERT INTO dashboard_unit_latest AS t (source_id, unit, occurred_at, seq, sf, status, lat, lon)
  SELECT DISTINCT ON (e.source_id, x.unit) e.source_id, x.unit, e.occurred_at, e.seq, x.sf, x.status, e.lat, e.lon
    FROM event e ${UNIT_ROWS_SQL}
   WHERE e.seq > $1::bigint AND e.seq <= $2::bigint AND e.kind = 'cad' AND x.unit IS NOT NULL
   ORDER BY e.source_id, x.unit, e.occurred_at DESC
  ON CONFLICT (source_id, unit) DO UPDATE SET occurred_at = excluded.occurred_at, seq = excluded.seq, sf = excluded.sf,
    status = excluded.status, lat = excluded.lat, lon = excluded.lon
   WHERE excluded.occurred_at > t.occurred_at`;

/**
 * Fold the events committed since the cursor into the rollup, up to `chunk` seqs per transaction, until caught
 * up (or `maxRounds`). Safe to run from any node at any time: a round that finds another node folding returns.
 * Seqs commit in order (lib/ingest/ingest-events.ts), so every seq up to the newest one seen is final.
 * Returns how many seqs the cursor moved.
 */
export async function foldDashboard(pool: pg.Pool, opts: { chunk?: number; maxRounds?: number } = {}): Promise<number> {
  const chunk = BigInt(opts.chunk ?? CHUNK);
  let moved = 0;
  for (let round = 0; round < (opts.maxRounds ?? Infinity); round++) {
    const client = await pool.connect();
    let step = 0n;
    try {
      // The cursor is read by a statement of its own, after the lock is held: its snapshot then sees the last fold.
      const res = (await client.query(
        `BEGIN; SELECT pg_try_advisory_xact_lock(${ROLLUP_LOCK}) AS locked;
         SELECT (SELECT seq::text FROM dashboard_rollup WHERE id = 1) AS cursor, (SELECT coalesce(max(seq), 0)::text FROM event) AS head`,
      )) as unknown as [unknown, pg.QueryResult<{ locked: boolean }>, pg.QueryResult<{ cursor: string; head: string }>];
      const row = res[2].rows[0]!;
      const from = BigInt(row.cursor);
      const upto = BigInt(row.head) < from + chunk ? BigInt(row.head) : from + chunk;
      if (!res[1].rows[0]!.locked || upto <= from) {
        await client.query('ROLLBACK');
        break;
      }
      const args = [from.toString(), upto.toString()];
      await client.query(FOLD_CALLS, [...args, [...CALL_KINDS]]);
      await client.query(FOLD_UNITS, args);
      await client.query('UPDATE dashboard_rollup SET seq = $1 WHERE id = 1', [upto.toString()]);
      await client.query('COMMIT');
      step = upto - from;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    moved += Number(step);
    if (step < chunk) break;
  }
  return moved;
}

/** The background fold: every two seconds, whatever was committed since. */
export function startDashboardRollup(pool: pg.Pool, log: (line: string) => void): { stop: () => Promise<void> } {
  let running: Promise<unknown> | null = null;
  let failing = false;
  const timer = setInterval(() => {
    if (running) return;
    running = foldDashboard(pool)
      .then(() => void (failing = false))
      .catch((err: Error) => {
        if (!failing) log(`[dashboard] rollup not advanced: ${err.message}`);
        failing = true;
      })
      .finally(() => (running = null));
  }, EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
