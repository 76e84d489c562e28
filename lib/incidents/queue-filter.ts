import { z } from 'zod';
import { PRIORITY_BANDS, type PriorityBand } from '@/lib/domain/priority-band';
import { AppError } from '@/lib/platform/errors/app-error';

/** Score range of each band (lib/domain/priority-band.ts), for SQL. */
const BAND_RANGE: Record<PriorityBand, [number, number]> = { 1: [50, 2 ** 31 - 1], 2: [35, 49], 3: [20, 34], 4: [-(2 ** 31), 19] };

/** The queue's filters, shared by the page and the count routes. Absent or empty: no filter. */
export const ZQueueFilterQuery = z.object({
  /** Priority bands, comma separated: `1,2`. */
  priority: z
    .string()
    .regex(/^([1-4](,[1-4])*)?$/, 'comma-separated bands 1–4')
    .optional()
    .transform((s) => (s ? [...new Set(s.split(',').map(Number) as PriorityBand[])] : [])),
  /** Incident type code, exactly. */
  kind: z.string().max(120).optional(),
  /** Words found in the number, title, address or type (case-insensitive). */
  q: z.string().max(200).optional(),
  /** A neighbourhood of the district polygons (the map's). */
  district: z.string().max(120).optional(),
  /** One of the visible agencies. */
  agency: z.uuid().optional(),
  /** Opened at most this many minutes ago. */
  maxAgeMin: z.coerce.number().int().min(1).max(525_600).optional(),
});
export type QueueFilterQuery = z.output<typeof ZQueueFilterQuery>;

/** WHERE for `incident i`: $1 the visible agencies, $2 the statuses, then the filters' own parameters. */
export function queueWhere(agencies: string[], statuses: string[], f: QueueFilterQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [agencies, statuses];
  const parts = ['i.agency_id = ANY($1::uuid[])', 'i.status = ANY($2::text[])'];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.priority.length && f.priority.length < PRIORITY_BANDS.length) {
    parts.push(`(${f.priority.map((b) => `i.score BETWEEN ${BAND_RANGE[b][0]} AND ${BAND_RANGE[b][1]}`).join(' OR ')})`);
  }
  if (f.kind) parts.push(`i.type_code = ${p(f.kind)}`);
  if (f.agency) parts.push(`i.agency_id = ${p(f.agency)}::uuid`);
  if (f.maxAgeMin) parts.push(`i.opened_at >= now() - make_interval(mins => ${p(f.maxAgeMin)}::int)`);
  for (const word of (f.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const like = p(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    parts.push(`(i.number ILIKE ${like} OR i.title ILIKE ${like} OR i.address ILIKE ${like} OR i.type_code ILIKE ${like})`);
  }
  return { sql: parts.join(' AND '), params };
}

export interface QueueCursor {
  score: number;
  openedAt: string;
  id: string;
}

const ZCursor = z.object({ s: z.number().int(), o: z.iso.datetime(), i: z.uuid() });

/** The sort key of a page's last row, opaque to clients. */
export function encodeQueueCursor(last: { score: number; openedAt: string; id: string }): string {
  return Buffer.from(JSON.stringify({ s: last.score, o: last.openedAt, i: last.id })).toString('base64url');
}

export function decodeQueueCursor(raw: string): QueueCursor {
  try {
    const c = ZCursor.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return { score: c.s, openedAt: c.o, id: c.i };
  } catch {
    throw new AppError('BAD_REQUEST', 'Invalid after: not a cursor of this list', [{ path: 'after', message: 'not a cursor of this list' }]);
  }
}
