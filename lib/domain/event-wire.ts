import type { EventDto, EventKind } from './event';

/**
 * How a batch of EventDtos travels on the live socket: one positional row per event, and the values that repeat
 * within a batch (source id, kind, type code, the two timestamps) listed once in `strings` and referred to by
 * index. Every push goes to every console of an agency (200 on a busy night), and each one parses it: as objects,
 * the twelve keys and a 36-character source id made up about half of every event's bytes; as rows with the
 * repeated values written out, a burst of AVL pings (one aggregator post, one commit) still spent ~60 of its ~175
 * bytes per event on a kind, a type code and two ISO timestamps it shares with the rest of the batch. Indices also
 * spare each console one string allocation per field (the decoded DTOs share the table's strings). Decoded back to
 * EventDtos at the edge (live-connection.ts), so nothing past the socket sees this shape.
 */
export type EventRow = [
  seq: string,
  source: number,
  externalId: string,
  kind: number,
  typeCode: number,
  occurredAt: number,
  receivedAt: number,
  lat: number | null,
  lon: number | null,
  priority: number | null,
  title: string | null,
  address: string | null,
];

export interface EventsWire {
  /** The batch's distinct source ids, kinds, type codes and timestamps; a row's indexed fields point into it. */
  strings: string[];
  rows: EventRow[];
}

export function encodeEvents(events: readonly EventDto[]): EventsWire {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (v: string): number => {
    let i = index.get(v);
    if (i === undefined) index.set(v, (i = strings.push(v) - 1));
    return i;
  };
  const rows = events.map((e): EventRow => [
    e.seq, ref(e.sourceId), e.externalId, ref(e.kind), ref(e.typeCode), ref(e.occurredAt), ref(e.receivedAt),
    e.lat, e.lon, e.priority, e.title, e.address,
  ]);
  return { strings, rows };
}

export function decodeEvents(wire: EventsWire): EventDto[] {
  const s = wire.strings;
  return wire.rows.map((r) => ({
    seq: r[0],
    sourceId: s[r[1]] ?? '',
    externalId: r[2],
    kind: s[r[3]] as EventKind,
    typeCode: s[r[4]] ?? '',
    occurredAt: s[r[5]] ?? '',
    receivedAt: s[r[6]] ?? '',
    lat: r[7],
    lon: r[8],
    priority: r[9],
    title: r[10],
    address: r[11],
  }));
}
