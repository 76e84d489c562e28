import type { EventDto, EventKind } from './event';

/**
 * How a batch of EventDtos travels on the live socket: one positional row per event and the batch's sources listed
 * once. Every push goes to every console of an agency (200 on a busy night), and each one parses it: as objects, the
 * twelve keys and a 36-character source id made up about half of every event's bytes. Decoded back to EventDtos
 * at the edge (live-connection.ts), so nothing past the socket sees this shape.
 */
export type EventRow = [
  seq: string,
  source: number,
  externalId: string,
  kind: EventKind,
  typeCode: string,
  occurredAt: string,
  receivedAt: string,
  lat: number | null,
  lon: number | null,
  priority: number | null,
  title: string | null,
  address: string | null,
];

export interface EventsWire {
  /** Source ids of this batch; a row's `source` is an index into it. */
  sources: string[];
  rows: EventRow[];
}

export function encodeEvents(events: readonly EventDto[]): EventsWire {
  const sources: string[] = [];
  const index = new Map<string, number>();
  const rows = events.map((e): EventRow => {
    let s = index.get(e.sourceId);
    if (s === undefined) index.set(e.sourceId, (s = sources.push(e.sourceId) - 1));
    return [e.seq, s, e.externalId, e.kind, e.typeCode, e.occurredAt, e.receivedAt, e.lat, e.lon, e.priority, e.title, e.address];
  });
  return { sources, rows };
}

export function decodeEvents(wire: EventsWire): EventDto[] {
  return wire.rows.map((r) => ({
    seq: r[0],
    sourceId: wire.sources[r[1]] ?? '',
    externalId: r[2],
    kind: r[3],
    typeCode: r[4],
    occurredAt: r[5],
    receivedAt: r[6],
    lat: r[7],
    lon: r[8],
    priority: r[9],
    title: r[10],
    address: r[11],
  }));
}
