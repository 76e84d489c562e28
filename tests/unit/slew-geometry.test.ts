import { describe, expect, it } from 'vitest';
import { aimAt, angleDiff, bearingDeg, bearingForPan, distanceM, panForBearing } from '@/lib/ptz/slew-geometry';

const cam = { lat: 37.7758, lon: -122.4194, heading: 90, fovDeg: 60, rangeM: 300 };
const south = { lat: 37.7749, lon: -122.4194 };
const west = { lat: 37.7758, lon: -122.4205 };

describe('slew-to-cue geometry', () => {
  it('bearings, distances and the pan mapping (pan 0 = heading, ±1 = ±180°)', () => {
    expect(Math.round(bearingDeg(cam, south))).toBe(180);
    expect(Math.round(bearingDeg(cam, west))).toBe(270);
    expect(Math.round(distanceM(cam, south))).toBe(100);
    expect(angleDiff(350, 10)).toBe(20);
    expect(angleDiff(10, 350)).toBe(-20);
    expect(panForBearing(180, 90)).toBeCloseTo(0.5);
    expect(panForBearing(0, 90)).toBeCloseTo(-0.5);
    expect(bearingForPan(-0.5, 90)).toBeCloseTo(0);
    expect(bearingForPan(1, 90)).toBeCloseTo(270);
  });

  it('picks the nearest preset whose view covers the place', () => {
    const presets = [
      { token: 'a', name: 'East', pan: 0 },
      { token: 'b', name: 'South-east', pan: 0.3 },
      { token: 'c', name: 'South', pan: 0.52 },
      { token: 'x', name: 'Unknown position', pan: null },
    ];
    expect(aimAt(cam, south, presets, true)).toMatchObject({ method: 'preset', token: 'c' });
  });

  it('falls back to an absolute pan when no preset covers it, or says why it cannot', () => {
    const presets = [{ token: 'a', name: 'East', pan: 0 }];
    const abs = aimAt(cam, west, presets, true);
    expect(abs.method).toBe('absolute');
    expect(abs.method === 'absolute' && Math.abs(abs.pan)).toBeCloseTo(1, 2);
    expect(aimAt(cam, west, presets, false)).toMatchObject({ method: 'none', why: expect.stringMatching(/no preset covers/) });
    expect(aimAt({ ...cam, heading: null }, west, presets, true)).toMatchObject({ method: 'none', why: expect.stringMatching(/no heading/) });
  });
});
