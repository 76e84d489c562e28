import { expect, it } from 'vitest';
import { percentile, responseRow } from '@/lib/dashboard/percentile';
import { resolvePeriod } from '@/lib/dashboard/period';
import { cadUnitState, unitGroup } from '@/lib/dashboard/unit-board';
import { addressKey } from '@/lib/briefs/premise';
import { distanceBearing, snapshotSvg } from '@/lib/maps/snapshot-svg';
import { parseMentions } from '@/lib/notes/parse-mentions';
import { viewersOf } from '@/lib/presence/broadcast-watch';

it('percentiles interpolate like percentile_cont', () => {
  expect(percentile([], 50)).toBeNull();
  expect(percentile([60, 180, 120], 50)).toBe(120);
  expect(percentile([60, 120, 180], 90)).toBeCloseTo(168);
  expect(responseRow([60, 120, 180], [300, 600, 300], 4)).toEqual({ calls: 4, dispatchP50: 120, dispatchP90: 168, onSceneP50: 300, onSceneP90: 540 });
});

it('a period is the last hours up to now (clock hours), or from–to; backwards or longer than a month is refused', () => {
  const now = new Date('2026-12-03T19:20:00Z');
  expect(resolvePeriod({ hours: 3 }, now)).toEqual({ from: new Date('2026-12-03T17:00:00Z'), to: now });
  expect(resolvePeriod({ from: '2026-12-03T07:00:00Z', to: '2026-12-03T19:00:00Z' }, now).from.toISOString()).toBe('2026-12-03T07:00:00.000Z');
  expect(() => resolvePeriod({ from: '2026-12-03T08:00:00Z', to: '2026-12-03T07:00:00Z' }, now)).toThrow(/to: must be after from/);
  expect(() => resolvePeriod({ from: '2026-10-01T00:00:00Z', to: '2026-12-03T07:00:00Z' }, now)).toThrow(/at most 31 days/);
});

it('a CAD row says where its unit is now, on the record’s own clock when it was replayed', () => {
  const now = new Date('2026-12-03T19:00:00Z');
  const row = { unit: 'E1', lat: null, lon: null, status: null, recorded: new Date('2016-01-01T00:00:00Z'), occurred_at: new Date('2026-12-03T18:55:00Z'),
    dispatch: new Date('2016-01-01T00:01:00Z'), on_scene: new Date('2016-01-01T00:07:00Z'), available: new Date('2016-01-01T00:40:00Z') };
  expect(cadUnitState(row, now).status).toBe('en_route'); // dispatched 18:56, on scene only at 19:02
  expect(cadUnitState(row, new Date('2026-12-03T19:05:00Z')).status).toBe('on_scene');
  expect(cadUnitState(row, new Date('2026-12-03T19:40:00Z'))).toMatchObject({ status: 'available', group: 'available' });
  expect(cadUnitState({ ...row, recorded: null, status: 'cleared' }, now).group).toBe('available');
  expect(unitGroup('out_of_service')).toBe('out_of_service');
});

it('mentions: users and roles (plural too), never an e-mail address', () => {
  expect(parseMentions('@Jdoe and @supervisors, see a@b.org (@operator)')).toEqual({ usernames: ['jdoe'], roles: ['supervisor', 'operator'] });
  expect(parseMentions('no mention here')).toEqual({ usernames: [], roles: [] });
});

it('viewers: one per person, however many tabs', () => {
  const s = (userId: string, displayName: string) => ({ data: { userId, displayName, role: 'operator' } });
  expect(viewersOf([s('b', 'Bea'), s('a', 'Al'), s('b', 'Bea')]).map((v) => v.name)).toEqual(['Al', 'Bea']);
});

it('map snapshots escape what they write, and say so when nothing is located', () => {
  const svg = snapshotSvg([], [{ lat: 37.78, lon: -122.42, kind: 'incident', label: '<script>x</script>' }], { width: 200, height: 100, title: 'a "b"' });
  expect(svg).toContain('&lt;script&gt;x&lt;/script&gt;');
  expect(svg).not.toContain('<script>');
  expect(svg).toContain('aria-label="a &quot;b&quot;"');
  expect(snapshotSvg([], [], { width: 10, height: 10 })).toContain('No location known');
  const d = distanceBearing({ lat: 37.78, lon: -122.42 }, { lat: 37.79, lon: -122.42 });
  expect(Math.round(d.meters)).toBe(1112);
  expect(d.bearing).toBe('N');
  expect(addressKey(' 123  Polk st.')).toBe('123 POLK ST');
});
