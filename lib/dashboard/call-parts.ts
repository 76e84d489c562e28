import type pg from 'pg';
import { CALL_KEY_SQL, DISPATCHED_SQL, ON_SCENE_SQL, RECEIVED_SQL } from './call-key';

const HOUR = 3_600_000;

/** Positional parameters of a query being built. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/**
 * Events past the rollup's cursor, as seen by the statement itself: `e.seq > <hint>` lets the planner walk the
 * primary key from a cursor read a moment before (it only grows), and the statement's own read of the cursor, in
 * the same snapshot as the rollup rows it reads, leaves out what those rows already hold.
 */
export const pastCursorSql = (hint: string) => `e.seq > ${hint}::bigint AND e.seq > (SELECT seq FROM dashboard_rollup WHERE id = 1)`;

/** The rollup's cursor now: a hint for pastCursorSql when the caller has none. */
export async function rollupCursor(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ seq: string }>('SELECT seq::text AS seq FROM dashboard_rollup WHERE id = 1');
  return rows[0]?.seq ?? '0';
}

export interface PartsArgs {
  /** Placeholders (from `Params.add`) of the source ids, the kinds and a rollup cursor read before (pastCursorSql). */
  sources: string;
  kinds: string;
  cursor: string;
  from: Date;
  to: Date;
  /** 'first': the call key and first time only (calls per hour); 'full': all a call's figures (response times). */
  cols: 'first' | 'full';
}

const FULL_ROLLUP = `first_seq, priority, lat_sum, lat_n, lon_sum, lon_n, title, address, received_at, dispatched_at, on_scene_at`;
const FULL_EVENT = `e.seq, e.priority, coalesce(e.lat, 0), (e.lat IS NOT NULL)::int, coalesce(e.lon, 0), (e.lon IS NOT NULL)::int,
       e.title, e.address, ${RECEIVED_SQL}, ${DISPATCHED_SQL}, ${ON_SCENE_SQL}`;

/**
 * Per-call parts of the calls of `kinds` whose events occurred in [from, to): the rollup's rows for the whole
 * hours inside, and the events themselves for the partial hours at both ends and for the seqs past the cursor.
 * Each event is in exactly one part; folding the parts of a key (min, max, sums) gives what grouping the
 * period's events by call gives. Columns: k, first_at, and with 'full' seq, pri, lat_sum, lat_n, lon_sum,
 * lon_n, title, address, received, dispatched, on_scene ('full').
 */
export function callPartsSql(p: Params, a: PartsArgs): string {
  let lo = Math.ceil(a.from.getTime() / HOUR) * HOUR;
  let hi = Math.floor(a.to.getTime() / HOUR) * HOUR;
  // No whole hour inside: every event is read (the rollup's and the tail's ranges are empty).
  if (lo >= hi) lo = hi = a.to.getTime();
  const [from, to, wLo, wHi] = [a.from, a.to, new Date(lo), new Date(hi)].map((d) => p.add(d.toISOString()));
  const full = a.cols === 'full';
  const rollCols = `call_key AS k, first_at${full ? `, ${FULL_ROLLUP}` : ''}`;
  const eventCols = `${CALL_KEY_SQL} AS k, e.occurred_at${full ? `, ${FULL_EVENT}` : ''}`;
  const mine = `e.kind = ANY(${a.kinds}::text[]) AND e.source_id = ANY(${a.sources}::uuid[])`;
  return `
    SELECT ${rollCols} FROM dashboard_call_hour
     WHERE source_id = ANY(${a.sources}::uuid[]) AND kind = ANY(${a.kinds}::text[]) AND hour >= ${wLo}::timestamptz AND hour < ${wHi}::timestamptz
    UNION ALL
    SELECT ${eventCols} FROM event e
     WHERE ${mine} AND ((e.occurred_at >= ${from}::timestamptz AND e.occurred_at < ${wLo}::timestamptz)
                     OR (e.occurred_at >= ${wHi}::timestamptz AND e.occurred_at < ${to}::timestamptz))
    UNION ALL
    SELECT ${eventCols} FROM event e
     WHERE ${pastCursorSql(a.cursor)} AND ${mine} AND e.occurred_at >= ${wLo}::timestamptz AND e.occurred_at < ${wHi}::timestamptz`;
}
