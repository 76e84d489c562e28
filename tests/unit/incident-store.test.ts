import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIncidentStore } from '@/components/live/incident-store';
import { filterIncidents, formatAge, priorityOf, DEFAULT_FILTER } from '@/components/queue/priority';
import type { IncidentDto } from '@/lib/domain/incident';

let n = 0;
function inc(p: Partial<IncidentDto> = {}): IncidentDto {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    number: `I${n}`,
    status: 'open',
    typeCode: 'Shots',
    title: `Incident ${n}`,
    lat: 37.7,
    lon: -122.4,
    address: null,
    score: 40,
    reasons: [{ key: 'base', text: 'priority 2', weight: 40 }],
    openedAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    closedAt: null,
    lastSeq: '10',
    ...p,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('incident store', () => {
  it('sorts by score, then oldest first, and reports only new incidents', () => {
    const s = createIncidentStore();
    const seen: string[] = [];
    s.onNew((list) => seen.push(...list.map((i) => i.id)));
    const a = inc({ score: 30 });
    const b = inc({ score: 70 });
    const c = inc({ score: 30, openedAt: '2026-11-25T09:00:00.000Z' });
    s.apply([a, b, c]);
    expect(s.getState().sorted.map((i) => i.id)).toEqual([b.id, c.id, a.id]);
    s.apply([{ ...a, score: 90, lastSeq: '11' }]);
    expect(s.getState().sorted[0]!.id).toBe(a.id);
    expect(seen).toEqual([a.id, b.id, c.id]);
  });

  it('ignores an older version, drops closed incidents and never revives them from a stale snapshot', () => {
    const s = createIncidentStore();
    const a = inc({ lastSeq: '20', score: 50 });
    s.apply([a]);
    s.apply([{ ...a, lastSeq: '19', score: 10 }]);
    expect(s.getState().byId.get(a.id)!.score).toBe(50);
    s.apply([{ ...a, lastSeq: '21', status: 'closed' }]);
    expect(s.getState().sorted).toEqual([]);
    s.applySnapshot([a], Date.now());
    expect(s.getState().sorted).toEqual([]);
  });

  it('a snapshot removes incidents gone while away but keeps ones pushed after the request', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    const s = createIncidentStore();
    const old = inc();
    s.apply([old]);
    vi.setSystemTime(1_000_500); // the snapshot request leaves
    vi.setSystemTime(1_000_700);
    const pushedLater = inc();
    s.apply([pushedLater]); // pushed while the request was in flight
    s.applySnapshot([], 1_000_500);
    expect(s.getState().sorted.map((i) => i.id)).toEqual([pushedLater.id]);
  });

  it('rejects malformed DTOs', () => {
    const s = createIncidentStore();
    s.apply([{ id: 'x' }, { ...inc(), lastSeq: 'abc' }]);
    expect(s.getState().sorted).toEqual([]);
  });
});

describe('queue priority and filters', () => {
  it('bands scores the way the correlator weighs a source priority', () => {
    expect([50, 49, 35, 20, 19].map(priorityOf)).toEqual([1, 2, 2, 3, 4]);
  });

  it('filters by priority, age and kind without changing the order', () => {
    const now = Date.parse('2026-11-25T10:30:00.000Z');
    const p1 = inc({ score: 80, typeCode: 'Shots', openedAt: '2026-11-25T10:25:00.000Z' });
    const p3 = inc({ score: 25, typeCode: 'Fire', openedAt: '2026-11-25T08:00:00.000Z' });
    const list = [p1, p3];
    expect(filterIncidents(list, { ...DEFAULT_FILTER, priorities: new Set([1]) }, now)).toEqual([p1]);
    expect(filterIncidents(list, { ...DEFAULT_FILTER, age: '1h' }, now)).toEqual([p1]);
    expect(filterIncidents(list, { ...DEFAULT_FILTER, kind: 'Fire' }, now)).toEqual([p3]);
    expect(filterIncidents(list, DEFAULT_FILTER, now)).toEqual(list);
    expect(filterIncidents(list, { ...DEFAULT_FILTER, text: 'fire incident' }, now)).toEqual([p3]);
    expect(formatAge(p3.openedAt, now)).toBe('2 h 30');
  });
});

describe('incidents that end', () => {
  it('keeps a closed incident findable (an open workspace shows the close) and tells change listeners', () => {
    const s = createIncidentStore();
    const changes: { ids: string[]; snapshot: boolean }[] = [];
    s.onChange((list, snapshot) => changes.push({ ids: list.map((i) => i.id), snapshot }));
    const a = inc();
    s.apply([a]);
    s.apply([{ ...a, status: 'closed', lastSeq: '11', closedAt: '2026-11-25T11:00:00.000Z' }]);
    expect(s.getState().byId.has(a.id)).toBe(false);
    expect(s.getState().ended.get(a.id)?.status).toBe('closed');
    expect(changes).toEqual([{ ids: [a.id], snapshot: false }, { ids: [a.id], snapshot: false }]);
    // A stale snapshot row does not reopen it.
    s.applySnapshot([a], Date.now());
    expect(s.getState().byId.has(a.id)).toBe(false);
    expect(changes[2]).toEqual({ ids: [], snapshot: true });
  });
});
