import type pg from 'pg';
import { z } from 'zod';
import { EVENT_KINDS, type EventKind } from '@/lib/domain/event';
import type { SessionUser } from '@/lib/auth/session-user';
import { invalid } from '@/lib/platform/errors/app-error';
import { assertCan } from '@/lib/policy/assert-can';

/**
 * A window of a city's traffic as columns (one array per field, kinds as indexes into `kinds`): ≈ 20 bytes an
 * event on the wire instead of ≈ 300 as DTO objects, and ready for deck.gl typed arrays.
 */
export interface RewindFrame {
  from: string;
  to: string;
  kinds: readonly EventKind[];
  seq: string[];
  /** epoch milliseconds */
  t: number[];
  kind: number[];
  lat: (number | null)[];
  lon: (number | null)[];
  priority: (number | null)[];
  /** More events than one answer carries: ask again from `nextFrom` (the last event's time) for the rest. */
  truncated?: boolean;
  nextFrom?: string;
}

/**
 * No fixed span: rewind covers whatever window the data covers (a backfill of years included). What is bounded is
 * one answer: at most MAX_REWIND_ROWS events (the client asks in 30-minute chunks, so only an extraordinary half
 * hour reaches it; the answer then says `truncated` and the next request starts at `nextFrom`).
 */
export const MAX_REWIND_ROWS = 200_000;
export const ZRewindQuery = z
  .strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] });

/** All of an agency's events in a window, oldest first, as compact columns. */
export async function loadRewindForAgency(pool: pg.Pool, agencyId: string, from: string, to: string): Promise<RewindFrame> {
  const kindIndex = new Map<string, number>(EVENT_KINDS.map((k, i) => [k, i]));
  const res = await pool.query<[string, number, string, number | null, number | null, number | null]>({
    text: `SELECT e.seq, (extract(epoch FROM e.occurred_at) * 1000)::float8, e.kind, e.lat, e.lon, e.priority
             FROM event e
            WHERE e.source_id IN (SELECT id FROM source WHERE agency_id = $1)
              AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz
            ORDER BY e.occurred_at, e.seq LIMIT ${MAX_REWIND_ROWS + 1}`,
    values: [agencyId, from, to],
    rowMode: 'array',
  });
  const truncated = res.rows.length > MAX_REWIND_ROWS;
  if (truncated) res.rows.length = MAX_REWIND_ROWS;
  const n = res.rows.length;
  const frame: RewindFrame = { from, to, kinds: EVENT_KINDS, seq: new Array(n), t: new Array(n), kind: new Array(n), lat: new Array(n), lon: new Array(n), priority: new Array(n) };
  for (let i = 0; i < n; i++) {
    const r = res.rows[i]!;
    frame.seq[i] = r[0];
    frame.t[i] = r[1];
    frame.kind[i] = kindIndex.get(r[2]) ?? -1;
    frame.lat[i] = r[3];
    frame.lon[i] = r[4];
    frame.priority[i] = r[5];
  }
  if (truncated) Object.assign(frame, { truncated, nextFrom: new Date(frame.t[n - 1]!).toISOString() });
  return frame;
}

export async function loadRewind(pool: pg.Pool, user: SessionUser | null, input: unknown): Promise<RewindFrame> {
  const me = assertCan(user, 'search.run');
  const parsed = ZRewindQuery.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, 'rewind query');
  return loadRewindForAgency(pool, me.agencyId, parsed.data.from, parsed.data.to);
}
