import { describe, expect, it } from 'vitest';
import { createEventStore } from '@/components/live/event-store';
import type { EventDto } from '@/lib/domain/event';

const ev = (seq: number, kind: EventDto['kind']): EventDto => ({
  seq: String(seq), sourceId: 's', externalId: `e${seq}`, kind, typeCode: 't', occurredAt: new Date().toISOString(),
  receivedAt: new Date().toISOString(), lat: 37.7, lon: -122.4, priority: null, title: kind === 'avl' ? 'E1' : 'x', address: null,
});

describe('live event store and unit positions', () => {
  it('passes AVL fixes to the unit layer only: the feed and the map dots keep the events', () => {
    const store = createEventStore({ feedSize: 10 });
    const heard: string[] = [];
    store.onAccepted((events) => heard.push(...events.map((e) => e.kind)));
    store.applyBatch([ev(1, 'cad'), ev(2, 'avl'), ev(3, 'avl'), ev(4, 'gunshot')]);
    const s = store.getState();
    expect(heard).toEqual(['cad', 'avl', 'avl', 'gunshot']);
    expect(s.feed.map((e) => e.kind)).toEqual(['gunshot', 'cad']);
    expect(s.mapLength).toBe(2);
    expect(s.lastSeq).toBe('4');
  });
});
