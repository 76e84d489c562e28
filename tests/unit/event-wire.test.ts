import { describe, expect, it } from 'vitest';
import type { EventDto } from '@/lib/domain/event';
import { decodeEvents, encodeEvents } from '@/lib/domain/event-wire';

const dto = (over: Partial<EventDto>): EventDto => ({
  seq: '1', sourceId: 'a0000000-0000-4000-8000-000000000001', externalId: 'x', kind: 'cad', typeCode: 'FIRE',
  occurredAt: '2026-11-26T01:00:00.000Z', receivedAt: '2026-11-26T01:00:00.120Z', lat: 37.77, lon: -122.42,
  priority: 2, title: 'Structure fire', address: '100 Block of MARKET ST', ...over,
});

describe('live event wire format', () => {
  it('decodes to exactly the DTOs it encoded, in order, nulls and several sources included', () => {
    const events = [
      dto({}),
      dto({ seq: '2', sourceId: 'b0000000-0000-4000-8000-000000000002', kind: 'avl', lat: null, lon: null, priority: null, title: null, address: null }),
      dto({ seq: '3', externalId: 'quote " and \\ backslash', title: 'ünïcode ✓' }),
    ];
    const wire = encodeEvents(events);
    // Two sources, two kinds, one type code, one occurredAt, one receivedAt: each listed once.
    expect(wire.strings).toHaveLength(7);
    expect(decodeEvents(JSON.parse(JSON.stringify(wire)))).toEqual(events);
  });

  it('is smaller on the wire than the objects it replaces', () => {
    const events = Array.from({ length: 100 }, (_, i) => dto({ seq: String(1000 + i), externalId: `cad-${i}` }));
    expect(JSON.stringify(encodeEvents(events)).length).toBeLessThan(0.7 * JSON.stringify(events).length);
  });

  it('lists a batch\'s shared kind, type code and timestamps once (an AVL burst from one post)', () => {
    const events = Array.from({ length: 100 }, (_, i) => dto({ seq: String(1000 + i), externalId: `avl-${i}`, kind: 'avl', typeCode: 'position', title: null, address: null }));
    const wire = encodeEvents(events);
    expect(wire.strings).toEqual([events[0]!.sourceId, 'avl', 'position', events[0]!.occurredAt, events[0]!.receivedAt]);
    // Per event: seq, external id, lat/lon and the indices; the ISO timestamps are not repeated.
    expect(JSON.stringify(wire).length / events.length).toBeLessThan(60);
    expect(decodeEvents(JSON.parse(JSON.stringify(wire)))).toEqual(events);
  });

  it('keeps distinct timestamps apart (each event its own occurredAt)', () => {
    const events = Array.from({ length: 5 }, (_, i) => dto({ seq: String(i + 1), occurredAt: new Date(Date.UTC(2026, 10, 26, 1, 0, i)).toISOString() }));
    expect(decodeEvents(JSON.parse(JSON.stringify(encodeEvents(events))))).toEqual(events);
  });
});
