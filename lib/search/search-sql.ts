import type pg from 'pg';
import { INCIDENT_COLUMNS, incidentRowToDto, type IncidentRow } from '@/lib/correlate/incident-dto';
import { toEventDto, type EventDtoRow } from '@/lib/realtime/event-rows';
import { decodeCursor, encodeCursor } from './cursor';
import type { GeoPolygon, SearchEvent, SearchIncident, SearchQuery } from './types';

/** All SQL of the search domain lives here (hot path: plain pg, no ORM). */

/** Escape LIKE wildcards so a user's `%` or `_` is matched literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const digitsOnly = (s: string) => s.replace(/\D/g, '');

/** PostgreSQL's native polygon literal from a GeoJSON ring: `((lon,lat),…)`. */
export function polygonLiteral(p: GeoPolygon): string {
  return `(${p.coordinates[0]!.map(([x, y]) => `(${x},${y})`).join(',')})`;
}

export function polygonBbox(p: GeoPolygon): [number, number, number, number] {
  const ring = p.coordinates[0]!;
  const xs = ring.map((c) => c[0]);
  const ys = ring.map((c) => c[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** WHERE clause shared by the page query and the CSV export. */
function eventWhere(agencyId: string, q: SearchQuery, p: Params): string[] {
  const where = [
    `e.source_id IN (SELECT id FROM source WHERE agency_id = ${p.add(agencyId)})`,
    `e.occurred_at >= ${p.add(q.from)}::timestamptz`,
    `e.occurred_at < ${p.add(q.to)}::timestamptz`,
  ];
  const box = q.bbox ?? (q.polygon ? polygonBbox(q.polygon) : undefined);
  if (box) {
    // Plain range predicates: the (occurred_at, lon, lat) btree filters them inside the index (see the migration).
    where.push(`e.lon BETWEEN ${p.add(box[0])} AND ${p.add(box[2])}`, `e.lat BETWEEN ${p.add(box[1])} AND ${p.add(box[3])}`);
  }
  if (q.polygon) where.push(`point(e.lon, e.lat) <@ ${p.add(polygonLiteral(q.polygon))}::polygon`);
  if (q.kinds?.length) where.push(`e.kind = ANY(${p.add(q.kinds)}::text[])`);
  if (q.address) where.push(`e.address ILIKE ${p.add(likePattern(q.address))}`);
  if (q.plate) where.push(`e.payload ? 'plate' AND upper(e.payload->>'plate') LIKE upper(${p.add(likePattern(q.plate.replace(/\s+/g, '')))})`);
  if (q.phone) where.push(`e.payload ? 'callerNumber' AND regexp_replace(e.payload->>'callerNumber', '\\D', '', 'g') LIKE ${p.add(likePattern(digitsOnly(q.phone)))}`);
  if (q.q) {
    const pat = p.add(likePattern(q.q));
    const digits = digitsOnly(q.q);
    const phone = digits.length >= 3 ? ` OR regexp_replace(e.payload->>'callerNumber', '\\D', '', 'g') LIKE ${p.add(likePattern(digits))}` : '';
    where.push(`(e.address ILIKE ${pat} OR e.title ILIKE ${pat} OR e.payload->>'plate' ILIKE ${pat}${phone})`);
  }
  return where;
}

const EVENT_COLUMNS = `e.seq, e.source_id, e.external_id, e.kind, e.type_code, e.occurred_at, e.received_at, e.lat, e.lon,
  e.priority, e.title, e.address, e.payload->>'plate' AS plate, e.payload->>'callerNumber' AS caller_number`;

interface EventRow extends EventDtoRow {
  plate: string | null;
  caller_number: string | null;
}

function toSearchEvent(r: EventRow): SearchEvent {
  return { ...toEventDto(r), plate: r.plate, callerNumber: r.caller_number };
}

/** One page of events, newest first, after the cursor. */
export async function queryEventPage(
  pool: pg.Pool,
  agencyId: string,
  q: SearchQuery,
): Promise<{ events: SearchEvent[]; nextCursor: string | null }> {
  const p = new Params();
  const where = eventWhere(agencyId, q, p);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(`(e.occurred_at, e.seq) < (${p.add(c.occurredAt)}::timestamptz, ${p.add(c.seq)}::bigint)`);
  }
  const sql = `SELECT ${EVENT_COLUMNS} FROM event e WHERE ${where.join(' AND ')}
               ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ${p.add(q.limit + 1)}`;
  const { rows } = await pool.query<EventRow>(sql, p.values);
  const page = rows.slice(0, q.limit).map(toSearchEvent);
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ occurredAt: last.occurredAt, seq: last.seq }) : null;
  return { events: page, nextCursor };
}

/** Every matching event, newest first, in pages of `batch` rows (CSV export streams these). */
export async function* iterateEvents(pool: pg.Pool, agencyId: string, q: SearchQuery, batch = 2000): AsyncGenerator<SearchEvent[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await queryEventPage(pool, agencyId, { ...q, cursor, limit: batch });
    if (page.events.length) yield page.events;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
/** Incidents opened in the window, in the area, matching the text; at most `limit`, newest first. */
export async function queryIncidents(pool: pg.Pool, agencyId: string, q: SearchQuery, limit = 100): Promise<SearchIncident[]> {
  const p = new Params();
  const where = [`i.agency_id = ${p.add(agencyId)}`, `i.opened_at >= ${p.add(q.from)}::timestamptz`, `i.opened_at < ${p.add(q.to)}::timestamptz`];
  const box = q.bbox ?? (q.polygon ? polygonBbox(q.polygon) : undefined);
  if (box) where.push(`i.lon BETWEEN ${p.add(box[0])} AND ${p.add(box[2])}`, `i.lat BETWEEN ${p.add(box[1])} AND ${p.add(box[3])}`);
  if (q.polygon) where.push(`point(i.lon, i.lat) <@ ${p.add(polygonLiteral(q.polygon))}::polygon`);
  const text = q.q ?? q.address;
  if (text) {
    const pat = p.add(likePattern(text));
    where.push(`(i.address ILIKE ${pat} OR i.title ILIKE ${pat} OR i.number ILIKE ${pat})`);
  }
  // Plate/phone/kind filters describe events; incidents carry none of them, so such a search lists no incidents.
  if (q.plate || q.phone || q.kinds?.length) return [];
  const { rows } = await pool.query<IncidentRow>(
    `SELECT ${INCIDENT_COLUMNS}
       FROM incident i WHERE ${where.join(' AND ')} ORDER BY i.opened_at DESC LIMIT ${p.add(limit)}`,
    p.values,
  );
  return rows.map(incidentRowToDto);

}
