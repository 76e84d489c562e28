import { describe, expect, it } from 'vitest';
import { clusterPoints, heatColor, heatGrid, worldPx } from '@/components/map/aggregate';
import { bearingDeg, createUnitStore, STALE_MS } from '@/components/map/unit-store';
import type { EventDto } from '@/lib/domain/event';

const pts = (list: [number, number][]) => Float32Array.from(list.flat());

describe('low-zoom clusters', () => {
  it('projects to Web Mercator world pixels', () => {
    expect(worldPx(0, 0, 0)).toEqual([256, 256]);
    const [x, y] = worldPx(-122.44, 37.76, 12);
    expect(x).toBeCloseTo(((180 - 122.44) / 360) * 512 * 4096, 3);
    expect(y).toBeGreaterThan(0);
  });

  it('merges points in the same screen cell, at their mean position, and keeps far ones apart', () => {
    const p = pts([[-122.42, 37.77], [-122.4201, 37.7701], [-122.4202, 37.7699], [-122.3, 37.9]]);
    const c = clusterPoints(p, 4, 10);
    expect(c.length).toBe(2);
    const big = c.counts[0] === 3 ? 0 : 1;
    expect(c.counts[big]).toBe(3);
    expect(c.counts[1 - big]).toBe(1);
    expect(c.positions[big * 2]).toBeCloseTo(-122.4201, 4);
  });

  it('separates the same points once zoomed in far enough', () => {
    const p = pts([[-122.42, 37.77], [-122.41, 37.77]]);
    expect(clusterPoints(p, 2, 5).length).toBe(1);
    expect(clusterPoints(p, 2, 14).length).toBe(2);
  });

  it('handles more distinct cells than its first allocation', () => {
    const list: [number, number][] = Array.from({ length: 70_000 }, (_, i) => [-180 + (i % 700) * 0.5, -60 + Math.floor(i / 700) * 1.2]);
    const c = clusterPoints(pts(list), list.length, 12);
    expect(c.length).toBe(70_000);
    expect(c.counts.reduce((a, b) => a + b, 0)).toBe(70_000);
  });
});

describe('heatmap grid', () => {
  it('counts only recent points, per cell', () => {
    const p = pts([[-122.42, 37.77], [-122.42001, 37.77001], [-122.40, 37.77], [-122.42, 37.77]]);
    const t = Float64Array.from([100, 100, 100, 10]);
    const g = heatGrid(p, t, 4, 50, 37.77, 250);
    expect(g.length).toBe(2);
    expect(g.max).toBe(2);
    expect([...g.counts].sort()).toEqual([1, 2]);
    // Corners are the south-west of the cell holding the point.
    const i = g.counts[0] === 2 ? 0 : 1;
    expect(g.corners[i * 2]).toBeLessThanOrEqual(-122.42);
    expect(g.corners[i * 2]! + 250 / (111_320 * Math.cos((37.77 * Math.PI) / 180))).toBeGreaterThan(-122.42);
  });

  it('ramps from cool and faint to hot and strong', () => {
    const [cool, hot] = [heatColor(0), heatColor(1)];
    expect(cool[2]).toBeGreaterThan(cool[0]);
    expect(hot[0]).toBeGreaterThan(hot[2]);
    expect(hot[3]).toBeGreaterThan(cool[3]);
  });
});

describe('units from AVL events', () => {
  const fix = (unit: string, lon: number, lat: number, at: number, kind: EventDto['kind'] = 'avl'): EventDto => ({
    seq: '1', sourceId: 's', externalId: `${unit}@${at}`, kind, typeCode: 'position', occurredAt: new Date(at).toISOString(),
    receivedAt: new Date(at).toISOString(), lat, lon, priority: null, title: unit, address: null,
  });

  it('bearing: north 0, east 90', () => {
    expect(bearingDeg(-122.4, 37.7, -122.4, 37.8)).toBeCloseTo(0, 5);
    expect(bearingDeg(-122.4, 37.7, -122.3, 37.7)).toBeCloseTo(90, 5);
  });

  it('moves a unit in place, points it along its travel, ignores other kinds and older fixes', () => {
    const now = Date.now();
    const s = createUnitStore(10);
    s.applySnapshot([{ callSign: 'E1', unitType: null, status: 'en_route', lat: 37.7, lon: -122.4, heading: 180, updatedAt: new Date(now - 1000).toISOString() }], now);
    expect(s.buffers.length).toBe(1);
    expect(s.buffers.angles[0]).toBe(-180);
    expect(Array.from(s.buffers.colors.subarray(0, 4))).toEqual([251, 146, 60, 255]);

    expect(s.applyEvents([fix('E1', -122.39, 37.7, now)], now)).toBe(true);
    expect(s.buffers.positions[0]).toBeCloseTo(-122.39, 5);
    expect(s.buffers.angles[0]).toBeCloseTo(-90, 1); // travelling east
    expect(s.applyEvents([fix('E1', -122.5, 37.7, now - 60_000)], now)).toBe(false); // a late, older fix
    expect(s.applyEvents([fix('X', -122.5, 37.7, now, 'cad')], now)).toBe(false);
    expect(s.buffers.length).toBe(1);

    s.refreshStale(now + STALE_MS + 1);
    expect(s.buffers.colors[3]).toBeLessThan(255);
  });

  it('a snapshot row older than a live fix does not drag the unit back, but updates its status', () => {
    const now = Date.now();
    const s = createUnitStore(10);
    s.applyEvents([fix('M2', -122.41, 37.75, now)], now);
    s.applySnapshot([{ callSign: 'M2', unitType: null, status: 'on_scene', lat: 37.7, lon: -122.5, heading: null, updatedAt: new Date(now - 5000).toISOString() }], now);
    expect(s.buffers.positions[0]).toBeCloseTo(-122.41, 5);
    expect(Array.from(s.buffers.colors.subarray(0, 3))).toEqual([248, 113, 113]);
  });
});
