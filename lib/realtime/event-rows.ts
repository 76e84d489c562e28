import type pg from 'pg';
import type { EventDto, EventKind } from '@/lib/domain/event';

/** An event as pushed to browsers, with the agency that owns it (for room routing; not sent). */
export interface RoutedEvent {
  agencyId: string;
  /** Stored but not shown live: a CAD call outside the source's jurisdiction, a place near (0, 0) or outside the agency. */
  hidden: boolean;
  dto: EventDto;
}

/** The `event` columns every event DTO is made from (search adds its own on top). */
export interface EventDtoRow {
  seq: string;
  source_id: string;
  external_id: string;
  kind: EventKind;
  type_code: string;
  occurred_at: Date;
  received_at: Date;
  lat: number | null;
  lon: number | null;
  priority: number | null;
  title: string | null;
  address: string | null;
}

interface Row extends EventDtoRow {
  agency_id: string;
  hidden: boolean;
}

// Flagged places (lib/domain/event-rules.ts: near (0, 0), outside the agency) and CAD calls outside a source's
// jurisdiction are stored and searchable but never pushed live.
const HIDDEN = `(e.payload ? 'locationFlag' OR coalesce(e.payload->>'outsideJurisdiction' = 'true', false))`;
const COLUMNS = `e.seq, e.source_id, s.agency_id, e.external_id, e.kind, e.type_code, e.occurred_at, e.received_at,
                 e.lat, e.lon, e.priority, e.title, e.address, ${HIDDEN} AS hidden`;

export function toEventDto(r: EventDtoRow): EventDto {
  return {
    seq: r.seq,
    sourceId: r.source_id,
    externalId: r.external_id,
    kind: r.kind,
    typeCode: r.type_code,
    occurredAt: r.occurred_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
    lat: r.lat,
    lon: r.lon,
    priority: r.priority,
    title: r.title,
    address: r.address,
  };
}

function toRouted(r: Row): RoutedEvent {
  return { agencyId: r.agency_id, hidden: r.hidden, dto: toEventDto(r) };
}

/** Committed events with afterSeq < seq ≤ uptoSeq, ascending. Optionally only some agencies' events. */
export async function readEventsAfter(
  pool: pg.Pool,
  afterSeq: bigint,
  opts: { limit: number; uptoSeq?: bigint; agencyIds?: string[] },
): Promise<RoutedEvent[]> {
  const { rows } = await pool.query<Row>(
    `SELECT ${COLUMNS} FROM event e JOIN source s ON s.id = e.source_id
      WHERE e.seq > $1 AND ($2::bigint IS NULL OR e.seq <= $2) AND ($3::uuid[] IS NULL OR s.agency_id = ANY($3::uuid[]))
      ORDER BY e.seq LIMIT $4`,
    [afterSeq.toString(), opts.uptoSeq?.toString() ?? null, opts.agencyIds ?? null, opts.limit],
  );
  return rows.map(toRouted);
}

/**
 * The most recent `limit` events of some agencies with minSeq ≤ seq ≤ uptoSeq, ascending: the snapshot a fresh
 * console starts from (minSeq bounds it to the live window).
 */
export async function readRecentEvents(pool: pg.Pool, agencyIds: string[], limit: number, uptoSeq: bigint, minSeq = 0n): Promise<RoutedEvent[]> {
  const { rows } = await pool.query<Row>(
    `SELECT * FROM (
       SELECT ${COLUMNS} FROM event e JOIN source s ON s.id = e.source_id
        WHERE s.agency_id = ANY($1::uuid[]) AND e.seq <= $2 AND e.seq >= $4 AND NOT ${HIDDEN} ORDER BY e.seq DESC LIMIT $3) t
      ORDER BY seq`,
    [agencyIds, uptoSeq.toString(), limit, minSeq.toString()],
  );
  return rows.map(toRouted);
}

export async function maxCommittedSeq(pool: pg.Pool): Promise<bigint> {
  const { rows } = await pool.query<{ max: string | null }>('SELECT max(seq)::text AS max FROM event');
  return BigInt(rows[0]?.max ?? '0');
}
