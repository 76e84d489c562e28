import { describe, expect, it } from 'vitest';
import { CameraIndex, coverageOf, rankVisible, type CameraGeo } from '@/lib/correlate/camera-visibility';
import { angleBetweenDeg, bearingDeg, distanceM } from '@/lib/correlate/geo';

// Hand-made geometry around a point in San Francisco: 0.001° lat ≈ 110.6 m north, 0.001° lon ≈ 88 m east.
const P = { lat: 37.7749, lon: -122.4194 };
const cam = (over: Partial<CameraGeo>): CameraGeo => ({
  id: over.id ?? 'c', agencyId: 'a', name: over.id ?? 'c', lat: P.lat, lon: P.lon, heading: 0, fovDeg: 60, rangeM: 150, ptz: false, status: 'online', ...over,
});
// A camera 100 m south of P: P lies due north (bearing 0) of it.
const south100 = { lat: P.lat - 100 / 110_574, lon: P.lon };

describe('geometry helpers', () => {
  it('measures distance and bearing at city scale', () => {
    expect(distanceM(south100, P)).toBeCloseTo(100, 0);
    expect(bearingDeg(south100, P)).toBeCloseTo(0, 3);
    expect(bearingDeg(P, south100)).toBeCloseTo(180, 3);
    expect(angleBetweenDeg(350, 10)).toBe(20);
    expect(angleBetweenDeg(90, 270)).toBe(180);
  });
});

describe('camera visibility', () => {
  it.each([
    { name: 'facing the point', over: { heading: 0 }, sees: 'fov' },
    { name: 'facing away (south)', over: { heading: 180 }, sees: null },
    { name: 'facing east, 90° off with a 60° field', over: { heading: 90 }, sees: null },
    { name: 'just inside the edge of its field (29° off)', over: { heading: 29 }, sees: 'fov' },
    { name: 'just outside the edge (31° off)', over: { heading: 329 }, sees: null },
    { name: 'wrap-around heading 350° with 60° field', over: { heading: 350 }, sees: 'fov' },
    { name: 'beyond its range (80 m range, 100 m away)', over: { heading: 0, rangeM: 80 }, sees: null },
    { name: 'PTZ facing away but in range', over: { heading: 180, ptz: true }, sees: 'ptz' },
    { name: 'PTZ out of range', over: { heading: 0, ptz: true, rangeM: 50 }, sees: null },
    { name: '360° camera', over: { heading: 180, fovDeg: 360 }, sees: 'omni' },
    { name: 'unknown heading (ranked after confirmed views)', over: { heading: null }, sees: 'unknown-heading' },
    { name: 'offline', over: { heading: 0, status: 'offline' }, sees: null },
  ])('$name → $sees', ({ over, sees }) => {
    const c = cam({ ...south100, ...over });
    expect(coverageOf(c, P)?.coverage ?? null).toBe(sees);
  });

  it('ranks confirmed views by distance, unknown headings last, and keeps the top N', () => {
    const at = (m: number) => ({ lat: P.lat - m / 110_574, lon: P.lon });
    const cams = [
      cam({ id: 'far-facing', ...at(140), heading: 0 }),
      cam({ id: 'near-away', ...at(20), heading: 180 }),
      cam({ id: 'near-facing', ...at(30), heading: 0 }),
      cam({ id: 'ptz', ...at(60), heading: 180, ptz: true }),
      cam({ id: 'unknown', ...at(10), heading: null }),
      cam({ id: 'out-of-range', ...at(400), heading: 0 }),
    ];
    expect(rankVisible(cams, P, 10).map((v) => v.id)).toEqual(['near-facing', 'ptz', 'far-facing', 'unknown']);
    expect(rankVisible(cams, P, 2).map((v) => v.id)).toEqual(['near-facing', 'ptz']);
    // The kdbush index gives the same answer as the brute-force ranking.
    expect(new CameraIndex(cams).visible(P, 4).map((v) => v.id)).toEqual(['near-facing', 'ptz', 'far-facing', 'unknown']);
  });
});
