import { describe, expect, it } from 'vitest';
import { simplifyRing } from '../../scripts/simplify-geojson';

// About 1 m in longitude and latitude at San Francisco's latitude.
const M_LON = 1 / 88_000;
const M_LAT = 1 / 111_320;
const at = (xm: number, ym: number): [number, number] => [-122.44 + xm * M_LON, 37.76 + ym * M_LAT];

describe('simplifyRing', () => {
  it('drops points within the tolerance of the outline and keeps the ring closed', () => {
    // A 100 m square whose south edge wobbles by 0.4 m at every metre.
    const south = Array.from({ length: 99 }, (_, i) => at(i + 1, i % 2 ? 0.4 : 0));
    const ring = [at(0, 0), ...south, at(100, 0), at(100, 100), at(0, 100), at(0, 0)];
    const out = simplifyRing(ring, 1);
    expect(out).toEqual([at(0, 0), at(100, 0), at(100, 100), at(0, 100), at(0, 0)]);
  });

  it('keeps a notch deeper than the tolerance', () => {
    const ring = [at(0, 0), at(50, 0), at(51, 3), at(52, 0), at(100, 0), at(100, 100), at(0, 100), at(0, 0)];
    expect(simplifyRing(ring, 1)).toContainEqual(at(51, 3));
    expect(simplifyRing(ring, 5)).not.toContainEqual(at(51, 3));
  });

  it('never reduces a ring below a triangle', () => {
    const sliver = [at(0, 0), at(50, 0.2), at(100, 0), at(50, -0.2), at(0, 0)];
    expect(simplifyRing(sliver, 1).length).toBeGreaterThanOrEqual(4);
  });
});
