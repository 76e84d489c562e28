import { describe, expect, it } from 'vitest';
import { stampNow } from '@/lib/demo/start-demo';
import type { EventInput } from '@/lib/domain/event';

const rec = (occurredAt: string): EventInput => ({
  externalId: 'x', kind: 'cad', typeCode: 'Medical Incident', occurredAt, lat: 37.7, lon: -122.4, priority: 2, payload: { incidentNumber: '1' },
});

describe('demo replay stamps records with the time the replay reaches them', () => {
  const wall = Date.parse('2026-11-25T20:00:00Z');
  const virtual = Date.parse('2016-12-31T12:00:00Z');

  it('a record one replay-hour behind the clock is one wall-minute old at 60×, and keeps its recorded time', () => {
    const out = stampNow(rec('2016-12-31T11:00:00.000Z'), virtual, wall, 60);
    expect(out.occurredAt).toBe('2026-11-25T19:59:00.000Z');
    expect(out.payload).toEqual({ incidentNumber: '1', recordedAt: '2016-12-31T11:00:00.000Z' });
  });

  it('never stamps the future, and keeps the order of the records', () => {
    expect(stampNow(rec('2016-12-31T12:30:00.000Z'), virtual, wall, 60).occurredAt).toBe('2026-11-25T20:00:00.000Z');
    const a = stampNow(rec('2016-12-31T09:00:00.000Z'), virtual, wall, 60).occurredAt;
    const b = stampNow(rec('2016-12-31T10:00:00.000Z'), virtual, wall, 60).occurredAt;
    expect(a < b).toBe(true);
  });
});
