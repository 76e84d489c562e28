import { describe, expect, it } from 'vitest';
import { GeofenceIndex, type GeofenceGeo } from '@/lib/correlate/geofences';
import { describeMatch, type RuleFacts } from '@/lib/correlate/rule-engine';
import { UnitIndex } from '@/lib/correlate/unit-index';
import { ZPremise } from '@/lib/domain/rule';

const square = (lat: number, lon: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]] as [number, number][]],
});
// Two overlapping squares (a hospital inside a jurisdiction) and one far away; agency b has a fence in the same place.
const hospital: GeofenceGeo = { id: 'h', agencyId: 'a', name: 'SFGH', kind: 'hospital', polygon: square(37.7557, -122.4049, 0.001) };
const district: GeofenceGeo = { id: 'd', agencyId: 'a', name: 'Mission', kind: 'jurisdiction', polygon: square(37.7557, -122.4049, 0.01) };
const school: GeofenceGeo = { id: 's', agencyId: 'a', name: 'Mission High', kind: 'school', polygon: square(37.7617, -122.427, 0.001) };
const otherAgency: GeofenceGeo = { id: 'x', agencyId: 'b', name: 'Other', kind: 'hospital', polygon: square(37.7557, -122.4049, 0.001) };
const fences = new GeofenceIndex([hospital, district, school, otherAgency]);

const AT_HOSPITAL = { lat: 37.7557, lon: -122.4049 };
const IN_DISTRICT = { lat: 37.7557, lon: -122.4000 };
const AT_SCHOOL = { lat: 37.7617, lon: -122.427 };
const FAR = { lat: 37.80, lon: -122.27 };

describe('unit positions → geofence enter/leave facts (table-driven)', () => {
  it.each([
    { name: 'first fix inside enters what it is in', fixes: [AT_HOSPITAL], want: { entered: ['d', 'h'], left: [] } },
    { name: 'first fix outside everything', fixes: [FAR], want: { entered: [], left: [] } },
    { name: 'staying inside is no new fact', fixes: [AT_HOSPITAL, AT_HOSPITAL], want: { entered: [], left: [] } },
    { name: 'hospital → rest of district leaves the hospital only', fixes: [AT_HOSPITAL, IN_DISTRICT], want: { entered: [], left: ['h'] } },
    { name: 'district → hospital enters the hospital only', fixes: [IN_DISTRICT, AT_HOSPITAL], want: { entered: ['h'], left: [] } },
    { name: 'hospital → far away leaves both', fixes: [AT_HOSPITAL, FAR], want: { entered: [], left: ['d', 'h'] } },
    { name: 'far → school enters the school', fixes: [FAR, AT_SCHOOL], want: { entered: ['s'], left: [] } },
    { name: 'hospital → school leaves two, enters one', fixes: [AT_HOSPITAL, AT_SCHOOL], want: { entered: ['s'], left: ['d', 'h'] } },
  ])('$name', ({ fixes, want }) => {
    const units = new UnitIndex();
    let last = { entered: [] as GeofenceGeo[], left: [] as GeofenceGeo[] };
    for (const p of fixes) last = units.move('a', 'E12', p, null, fences);
    expect({ entered: last.entered.map((f) => f.id).sort(), left: last.left.map((f) => f.id).sort() }).toEqual(want);
  });

  it('keys units by agency: the same call sign in two agencies moves independently, with its own fences', () => {
    const units = new UnitIndex();
    expect(units.move('a', 'E12', AT_HOSPITAL, null, fences).entered.map((f) => f.id).sort()).toEqual(['d', 'h']);
    expect(units.move('b', 'E12', AT_HOSPITAL, null, fences).entered.map((f) => f.id)).toEqual(['x']);
    expect(units.move('a', 'E12', AT_HOSPITAL, null, fences).entered).toEqual([]);
    expect(units.size).toBe(2);
  });

  it('a unit placed at start-up produces no enter fact where it already is, only for real crossings', () => {
    const units = new UnitIndex();
    units.place({ agencyId: 'a', callSign: 'M7', status: 'on_scene', lat: AT_HOSPITAL.lat, lon: AT_HOSPITAL.lon }, fences);
    expect(units.move('a', 'M7', AT_HOSPITAL, null, fences)).toEqual({ entered: [], left: [] });
    expect(units.move('a', 'M7', FAR, null, fences).left.map((f) => f.id).sort()).toEqual(['d', 'h']);
  });

  it('keeps the last reported status when a fix reports none', () => {
    const units = new UnitIndex();
    units.move('a', 'E12', FAR, 'dispatched', fences);
    units.move('a', 'E12', FAR, null, fences);
    expect(units.get('a', 'E12')?.status).toBe('dispatched');
    units.move('a', 'E12', FAR, 'available', fences);
    expect(units.get('a', 'E12')?.status).toBe('available');
  });

  it('a geofence edit recomputes membership silently: the next fix at the same place is no crossing', () => {
    const units = new UnitIndex();
    units.move('a', 'E12', AT_SCHOOL, null, fences);
    const moved = new GeofenceIndex([{ ...school, polygon: square(37.80, -122.27, 0.001) }]);
    units.refence(moved);
    expect(units.move('a', 'E12', AT_SCHOOL, null, moved)).toEqual({ entered: [], left: [] });
    expect(units.move('a', 'E12', FAR, null, moved).entered.map((f) => f.id)).toEqual(['s']);
  });
});

describe('why a rule fired (notice reason)', () => {
  const facts = (over: Partial<RuleFacts>): RuleFacts => ({
    kind: 'avl', typeCode: 'position', priority: null, title: 'E12', address: null, payload: {}, occurredAtMs: 0, inside: [], entered: [], left: [], ...over,
  });
  it.each([
    { name: 'unit entering', p: { kind: 'avl', geofence: { kind: 'hospital', relation: 'enter' } }, f: { entered: [district, hospital] }, want: 'Unit GPS E12 entered hospital “SFGH”' },
    { name: 'unit leaving by id', p: { kind: 'avl', geofence: { id: '00000000-0000-4000-8000-000000000001', relation: 'leave' } }, f: { left: [{ ...school, id: '00000000-0000-4000-8000-000000000001' }] }, want: 'Unit GPS E12 left school “Mission High”' },
    { name: 'event inside', p: { kind: 'gunshot', geofence: { kind: 'school' } }, f: { kind: 'gunshot' as const, title: 'Multiple gunshots', inside: [school] }, want: 'Gunshot Multiple gunshots inside school “Mission High”' },
    { name: 'no geofence: event and address', p: { kind: 'cad' }, f: { kind: 'cad' as const, title: 'Structure Fire', address: '100 MAIN ST' }, want: 'CAD Structure Fire at 100 MAIN ST' },
    { name: 'no title: type code', p: { kind: 'sensor' }, f: { kind: 'sensor' as const, title: null, typeCode: 'water-level' }, want: 'Sensor water-level' },
  ])('$name', ({ p, f, want }) => {
    expect(describeMatch(ZPremise.parse(p), facts(f))).toBe(want);
  });
});
