import type pg from 'pg';
import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import { ACTIVE_STATUSES, ZIncidentStatus, type IncidentDto } from '@/lib/domain/incident';
import { INCIDENT_COLUMNS, incidentRowToDto, type IncidentRow } from '@/lib/correlate/incident-dto';
import { districtIndex } from '@/lib/districts/district-index';
import { liveAgenciesFor } from '@/lib/policy/socket-guard';
import { decodeQueueCursor, encodeQueueCursor, queueWhere, ZQueueFilterQuery, type QueueCursor } from './queue-filter';

/** `status`: one status, or `active` (open, acknowledged, assigned, escalated). */
export const ZIncidentListQuery = z.strictObject({
  ...ZQueueFilterQuery.shape,
  status: z.union([ZIncidentStatus, z.literal('active')]).default('open'),
  /** The `nextCursor` of the previous page (keyset paging: a page never repeats or skips a row). */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
/** As the route's declaration parsed it (the dispatcher answers 400 naming the field before the service runs). */
export type IncidentListQuery = z.output<typeof ZIncidentListQuery>;

export interface QueueCounts {
  /** Incidents matching every filter (all pages). */
  total: number;
  /** Incidents of the status alone (what the queue's header counts), whatever the other filters. */
  open: number;
  /** Their type codes, most frequent first. */
  kinds: string[];
}

export interface IncidentPage extends QueueCounts {
  incidents: IncidentDto[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * The queue, one page at a time: incidents of the agencies whose incidents reach this user's live queue (own,
 * partners sharing layers), most pressing first (score, then the one waiting longest, then id: a total order,
 * the same as the browser's store), filtered in PostgreSQL (district in Node, from the same polygons as the map).
 */
export async function listIncidents(pool: pg.Pool, user: SessionUser, q: IncidentListQuery): Promise<IncidentPage> {
  const after = q.after === undefined ? null : decodeQueueCursor(q.after);
  const agencies = await liveAgenciesFor(pool, user);
  const statuses = q.status === 'active' ? [...ACTIVE_STATUSES] : [q.status];
  const where = queueWhere(agencies, statuses, q);
  const keyset = after ? ` AND (i.score < $${where.params.length + 1} OR (i.score = $${where.params.length + 1} AND (i.opened_at, i.id) > ($${where.params.length + 2}::timestamptz, $${where.params.length + 3}::uuid)))` : '';
  const keyParams = after ? [after.score, after.openedAt, after.id] : [];
  const order = 'ORDER BY i.score DESC, i.opened_at ASC, i.id ASC';
  if (q.district) return byDistrict(pool, where, q.limit, q.district, after);
  const [page, counts] = await Promise.all([
    pool.query<IncidentRow>(
      `SELECT ${INCIDENT_COLUMNS} FROM incident i WHERE ${where.sql}${keyset} ${order} LIMIT ${q.limit + 1}`,
      [...where.params, ...keyParams],
    ),
    countQueue(pool, where),
  ]);
  const rows = page.rows.slice(0, q.limit);
  const incidents = rows.map(incidentRowToDto);
  const last = incidents[incidents.length - 1];
  return { incidents, ...counts, nextCursor: page.rows.length > q.limit && last ? encodeQueueCursor(last) : null };
}

/** The header's figures without a page: what the queue refreshes as incidents change. */
export async function countIncidents(pool: pg.Pool, user: SessionUser, q: Omit<IncidentListQuery, 'after' | 'limit'>): Promise<QueueCounts> {
  const agencies = await liveAgenciesFor(pool, user);
  const statuses = q.status === 'active' ? [...ACTIVE_STATUSES] : [q.status];
  const where = queueWhere(agencies, statuses, q);
  if (!q.district) return countQueue(pool, where);
  const { total, open, kinds } = await byDistrict(pool, where, 1, q.district, null);
  return { total, open, kinds };
}

/**
 * `open` counts the visible agencies' incidents of the statuses ($1, $2 of every queue WHERE); `kinds` are their
 * type codes, most frequent first (the kind filter's choices).
 */
async function countQueue(pool: pg.Pool, where: { sql: string; params: unknown[] }): Promise<QueueCounts> {
  const { rows } = await pool.query<QueueCounts>(
    `SELECT (SELECT count(*)::int FROM incident i WHERE ${where.sql}) AS total,
            (SELECT count(*)::int FROM incident i WHERE i.agency_id = ANY($1::uuid[]) AND i.status = ANY($2::text[])) AS open,
            (SELECT coalesce(json_agg(k.type_code ORDER BY k.n DESC, k.type_code), '[]'::json) FROM (
               SELECT i.type_code, count(*) AS n FROM incident i WHERE i.agency_id = ANY($1::uuid[]) AND i.status = ANY($2::text[])
                GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200) k) AS kinds`,
    where.params,
  );
  return rows[0] ?? { total: 0, open: 0, kinds: [] };
}

/**
 * District is a polygon test against the city's neighbourhoods: the located rows of the other filters are read
 * (id, point, sort key only) and placed in Node, then the page is cut from that list. Active incidents of an agency
 * are thousands at most; the dashboard places its points the same way.
 */
async function byDistrict(
  pool: pg.Pool,
  where: { sql: string; params: unknown[] },
  limit: number,
  district: string,
  after: QueueCursor | null,
): Promise<IncidentPage> {
  const index = districtIndex();
  const { rows } = await pool.query<{ id: string; lat: number; lon: number; score: number; opened_at: Date }>(
    `SELECT i.id, i.lat, i.lon, i.score, i.opened_at FROM incident i
      WHERE ${where.sql} AND i.lat IS NOT NULL AND i.lon IS NOT NULL
      ORDER BY i.score DESC, i.opened_at ASC, i.id ASC`,
    where.params,
  );
  const inDistrict = rows.filter((r) => index.districtOf(r.lat, r.lon) === district);
  const start = after
    ? inDistrict.findIndex((r) => r.score < after.score || (r.score === after.score && (r.opened_at.toISOString() > after.openedAt || (r.opened_at.toISOString() === after.openedAt && r.id > after.id))))
    : 0;
  const slice = start < 0 ? [] : inDistrict.slice(start, start + limit);
  const { rows: full } = await pool.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incident i WHERE i.id = ANY($1::uuid[])`, [slice.map((r) => r.id)]);
  const byId = new Map(full.map((r) => [r.id, incidentRowToDto(r)]));
  const incidents = slice.flatMap((r) => byId.get(r.id) ?? []);
  const { open, kinds } = await countQueue(pool, where);
  const last = incidents[incidents.length - 1];
  const more = start >= 0 && start + limit < inDistrict.length;
  return { incidents, total: inDistrict.length, open, kinds, nextCursor: more && last ? encodeQueueCursor(last) : null };
}
