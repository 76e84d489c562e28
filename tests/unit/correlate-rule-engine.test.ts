import { describe, expect, it } from 'vitest';
import { ZPremise, ZRuleInput, type Premise } from '@/lib/domain/rule';
import type { GeofenceGeo } from '@/lib/correlate/geofences';
import { distanceToPolygonM, GeofenceIndex, pointInPolygon } from '@/lib/correlate/geofences';
import { inTimeWindow, matchPremise, type RuleFacts } from '@/lib/correlate/rule-engine';

const square = (lat: number, lon: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]] as [number, number][]],
});
const school: GeofenceGeo = { id: '00000000-0000-4000-8000-000000000001', agencyId: 'a', name: 'Mission High', kind: 'school', polygon: square(37.7617, -122.4270, 0.001) };
const hospital: GeofenceGeo = { id: '00000000-0000-4000-8000-000000000002', agencyId: 'a', name: 'SFGH', kind: 'hospital', polygon: square(37.7557, -122.4049, 0.001) };

// 2016-12-31 23:30 in San Francisco (07:30 UTC next day).
const LATE_NIGHT = Date.parse('2017-01-01T07:30:00Z');
const AFTERNOON = Date.parse('2016-12-31T23:00:00Z'); // 15:00 local

const facts = (over: Partial<RuleFacts> = {}): RuleFacts => ({
  kind: 'gunshot', typeCode: 'Multiple_Gunshots', priority: 1, title: 'Multiple gunshots', address: '1600 Block of MISSION ST',
  payload: { rounds: 6, beat: '3C' }, occurredAtMs: AFTERNOON, inside: [], entered: [], left: [], ...over,
});
const premise = (p: unknown): Premise => ZPremise.parse(p);

describe('rule premises (table-driven)', () => {
  it.each([
    { name: 'kind only', p: { kind: 'gunshot' }, f: {}, want: true },
    { name: 'other kind', p: { kind: 'cad' }, f: {}, want: false },
    { name: 'typeCode eq (case-insensitive)', p: { kind: 'gunshot', conditions: [{ field: 'typeCode', op: 'eq', value: 'multiple_gunshots' }] }, f: {}, want: true },
    { name: 'typeCode in list', p: { kind: 'gunshot', conditions: [{ field: 'typeCode', op: 'in', value: ['Single_Gunshot', 'Multiple_Gunshots'] }] }, f: {}, want: true },
    { name: 'payload number gte', p: { kind: 'gunshot', conditions: [{ field: 'payload.rounds', op: 'gte', value: 5 }] }, f: {}, want: true },
    { name: 'payload number gt fails', p: { kind: 'gunshot', conditions: [{ field: 'payload.rounds', op: 'gt', value: 6 }] }, f: {}, want: false },
    { name: 'missing payload field never matches', p: { kind: 'gunshot', conditions: [{ field: 'payload.plate', op: 'eq', value: 'X' }] }, f: {}, want: false },
    { name: 'missing field matches neq', p: { kind: 'gunshot', conditions: [{ field: 'payload.plate', op: 'neq', value: 'X' }] }, f: {}, want: true },
    { name: 'priority lte', p: { kind: 'gunshot', conditions: [{ field: 'priority', op: 'lte', value: 2 }] }, f: {}, want: true },
    { name: 'address contains', p: { kind: 'gunshot', conditions: [{ field: 'address', op: 'contains', value: 'mission' }] }, f: {}, want: true },
    { name: 'all conditions must hold', p: { kind: 'gunshot', conditions: [{ field: 'priority', op: 'eq', value: 1 }, { field: 'payload.beat', op: 'eq', value: '9Z' }] }, f: {}, want: false },
    { name: 'inside a school (by kind)', p: { kind: 'gunshot', geofence: { kind: 'school' } }, f: { inside: [school] }, want: true },
    { name: 'not inside a school', p: { kind: 'gunshot', geofence: { kind: 'school' } }, f: { inside: [hospital] }, want: false },
    { name: 'inside a geofence by id', p: { kind: 'gunshot', geofence: { id: hospital.id } }, f: { inside: [school, hospital] }, want: true },
    { name: 'unit enters hospital', p: { kind: 'avl', geofence: { kind: 'hospital', relation: 'enter' } }, f: { kind: 'avl', entered: [hospital] }, want: true },
    { name: 'unit leaving is not entering', p: { kind: 'avl', geofence: { kind: 'hospital', relation: 'enter' } }, f: { kind: 'avl', left: [hospital] }, want: false },
    { name: 'unit leaves hospital', p: { kind: 'avl', geofence: { kind: 'hospital', relation: 'leave' } }, f: { kind: 'avl', left: [hospital] }, want: true },
    { name: 'night window wraps midnight (23:30)', p: { kind: 'gunshot', timeOfDay: { from: '22:00', to: '06:00' } }, f: { occurredAtMs: LATE_NIGHT }, want: true },
    { name: 'night window excludes 15:00', p: { kind: 'gunshot', timeOfDay: { from: '22:00', to: '06:00' } }, f: {}, want: false },
    { name: 'day window includes 15:00', p: { kind: 'gunshot', timeOfDay: { from: '08:00', to: '18:00' } }, f: {}, want: true },
  ])('$name → $want', ({ p, f, want }) => {
    expect(matchPremise(premise(p), facts(f as Partial<RuleFacts>))).toBe(want);
  });

  it('evaluates time of day in the given zone', () => {
    expect(inTimeWindow(LATE_NIGHT, { from: '07:00', to: '08:00', timeZone: 'UTC' })).toBe(true);
    expect(inTimeWindow(LATE_NIGHT, { from: '07:00', to: '08:00', timeZone: 'America/Los_Angeles' })).toBe(false);
  });
});

describe('rule validation', () => {
  it.each([
    { name: 'no actions', body: { name: 'x', premise: { kind: 'gunshot' }, actions: [] }, path: 'actions' },
    { name: 'unknown action', body: { name: 'x', premise: { kind: 'gunshot' }, actions: [{ type: 'explode' }] }, path: 'actions[0].type' },
    { name: 'bad field', body: { name: 'x', premise: { kind: 'gunshot', conditions: [{ field: 'payload.a.b', op: 'eq', value: 1 }] }, actions: [{ type: 'raise_priority', by: 5 }] }, path: 'premise.conditions[0].field' },
    { name: 'bad time', body: { name: 'x', premise: { kind: 'gunshot', timeOfDay: { from: '25:00', to: '06:00' } }, actions: [{ type: 'raise_priority', by: 5 }] }, path: 'premise.timeOfDay.from' },
    { name: 'geofence needs id or kind', body: { name: 'x', premise: { kind: 'gunshot', geofence: {} }, actions: [{ type: 'raise_priority', by: 5 }] }, path: 'premise.geofence' },
  ])('rejects $name', ({ body, path }) => {
    const r = ZRuleInput.safeParse(body);
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '').replace(/\.\[/g, '['));
    expect(paths).toContain(path);
  });
});

describe('geofences', () => {
  it('tests point in polygon, distance outside, and indexes by bounding box', () => {
    expect(pointInPolygon({ lat: 37.7617, lon: -122.4270 }, school.polygon)).toBe(true);
    expect(pointInPolygon({ lat: 37.7640, lon: -122.4270 }, school.polygon)).toBe(false);
    // 0.0013° north of the centre = 0.0003° (≈ 33 m) beyond the edge.
    expect(distanceToPolygonM({ lat: 37.7630, lon: -122.4270 }, school.polygon)).toBeCloseTo(33, 0);
    const idx = new GeofenceIndex([school, hospital]);
    expect([...idx.containing('a', { lat: 37.7617, lon: -122.4270 })]).toEqual([school.id]);
    expect(idx.near('a', { lat: 37.7630, lon: -122.4270 }, 300).map((n) => n.fence.name)).toEqual(['Mission High']);
    expect(idx.near('other-agency', { lat: 37.7617, lon: -122.4270 }, 300)).toEqual([]);
  });
});
