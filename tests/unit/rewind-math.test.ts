import { describe, expect, it } from 'vitest';
import { chunkFromColumns, FrameComposer } from '@/components/rewind/rewind-frame';
import {
  advance, CHUNK_MS, chunkCount, chunkIndexAt, chunkRange, chunksNeeded, clockLabel, customWindow, fadeAlpha, HOUR, lowerBound,
  MAX_WINDOW_MS, MINUTE, prefetchFor, presetWindow, TRAIL_MS, upperBound,
} from '@/components/rewind/rewind-math';

const T0 = Date.parse('2026-11-25T12:00:00.000Z');

describe('rewind windows', () => {
  it('a preset ends now (whole second) and spans its length', () => {
    const w = presetWindow(T0 + 1234, 6 * HOUR);
    expect(w).toEqual({ from: T0 + 1000 - 6 * HOUR, to: T0 + 1000 });
  });

  it('a custom window runs to now or a chosen end, is refused in the future, and spans any history up to a year', () => {
    expect(customWindow(T0 - HOUR, T0)).toEqual({ from: T0 - HOUR, to: T0 });
    expect(customWindow(T0 + MINUTE, T0)).toBeNull();
    expect(customWindow(Number.NaN, T0)).toBeNull();
    expect(customWindow(T0 - 72 * HOUR, T0)).toEqual({ from: T0 - 72 * HOUR, to: T0 });
    expect(customWindow(T0 - 5 * 365 * 24 * HOUR, T0, T0 - 4 * 365 * 24 * HOUR)).toEqual({ from: T0 - 5 * 365 * 24 * HOUR, to: T0 - 4 * 365 * 24 * HOUR });
    expect(customWindow(T0 - 3 * MAX_WINDOW_MS, T0)).toEqual({ from: T0 - 3 * MAX_WINDOW_MS, to: T0 - 2 * MAX_WINDOW_MS });
  });

  it('splits a window into 30-minute chunks, the last one short', () => {
    const w = { from: T0, to: T0 + 70 * MINUTE };
    expect(chunkCount(w)).toBe(3);
    expect(chunkRange(w, 2)).toEqual({ from: T0 + 60 * MINUTE, to: T0 + 70 * MINUTE });
    expect(chunkIndexAt(w, T0 + 31 * MINUTE)).toBe(1);
    expect(chunkIndexAt(w, T0 - HOUR)).toBe(0); // clamped
  });

  it('needs the chunk under the cursor, the one its trail reaches into, then some ahead', () => {
    const w = { from: T0, to: T0 + 6 * HOUR };
    // 35 min in: chunk 1 under the cursor, the trail (20 min) reaches chunk 0.
    expect(chunksNeeded(w, T0 + 35 * MINUTE, 2)).toEqual([1, 0, 2, 3]);
    // 50 min in: the trail stays inside chunk 1.
    expect(chunksNeeded(w, T0 + 50 * MINUTE, 1)).toEqual([1, 2]);
    // At the end nothing lies ahead.
    expect(chunksNeeded(w, T0 + 6 * HOUR, 3)).toEqual([11]);
    expect(prefetchFor(1)).toBe(1);
    expect(prefetchFor(300)).toBe(4);
    expect(CHUNK_MS).toBeGreaterThan(TRAIL_MS); // the trail spans at most two chunks
  });
});

describe('the playback clock', () => {
  const w = { from: T0, to: T0 + HOUR };
  it('advances at the chosen speed', () => {
    expect(advance(T0, 1000, 60, w, w.to)).toEqual({ cursor: T0 + 60_000, ended: false, buffering: false });
  });
  it('stops at the end of the window', () => {
    expect(advance(T0 + HOUR - 1000, 1000, 300, w, w.to)).toEqual({ cursor: T0 + HOUR, ended: true, buffering: false });
  });
  it('waits at the edge of what is loaded instead of running into an empty city', () => {
    expect(advance(T0, 1000, 300, w, T0 + 2 * MINUTE)).toEqual({ cursor: T0 + 2 * MINUTE, ended: false, buffering: true });
    // Never moves backwards when the cursor is already past the loaded edge (after a seek).
    expect(advance(T0 + 10 * MINUTE, 16, 1, w, T0 + 5 * MINUTE).cursor).toBe(T0 + 10 * MINUTE);
  });
});

describe('the trail', () => {
  it('binary-searches sorted times', () => {
    const t = Float64Array.from([1, 2, 2, 3, 5]);
    expect(lowerBound(t, 5, 2)).toBe(1);
    expect(upperBound(t, 5, 2)).toBe(3);
    expect(lowerBound(t, 5, 6)).toBe(5);
    expect(upperBound(t, 5, 0)).toBe(0);
  });

  it('fades from full to faint over the trail', () => {
    expect(fadeAlpha(0)).toBe(255);
    expect(fadeAlpha(TRAIL_MS / 2)).toBeLessThan(255);
    expect(fadeAlpha(TRAIL_MS / 2)).toBeGreaterThan(fadeAlpha(TRAIL_MS - 1));
    expect(fadeAlpha(TRAIL_MS * 2)).toBe(40);
  });

  it('composes only the events of the trailing window, across two chunks, skipping unlocated ones', () => {
    const cols = (ts: number[]) => ({
      kinds: ['call911', 'cad'],
      t: ts,
      kind: ts.map((_, i) => i % 2),
      lat: ts.map((_, i) => (i === 1 ? null : 37 + i)),
      lon: ts.map(() => -122),
    });
    const a = chunkFromColumns(cols([T0 - 20 * MINUTE, T0 - 12 * MINUTE, T0 - 10 * MINUTE]));
    expect(a.n).toBe(2); // the null-lat one is not drawable
    const b = chunkFromColumns(cols([T0 - MINUTE, T0, T0 + MINUTE]));
    const frame = new FrameComposer().compose([a, b], T0);
    // T0-10 min from chunk a and T0-1 min from chunk b; T0-20 min is past the trail, T0+1 min not yet.
    expect(frame.length).toBe(2);
    expect(Array.from(frame.positions.subarray(0, 4))).toEqual([-122, 39, -122, 37]);
    // Newest brightest.
    expect(frame.colors[3]).toBeLessThan(frame.colors[7]!);
  });

  it('sorts a chunk that arrives out of order', () => {
    const c = chunkFromColumns({ kinds: ['cad'], t: [3, 1, 2], kind: [0, 0, 0], lat: [3, 1, 2], lon: [0, 0, 0] });
    expect(Array.from(c.t)).toEqual([1, 2, 3]);
    expect(Array.from(c.positions)).toEqual([0, 1, 0, 2, 0, 3]);
  });

  it('labels the replayed clock as hh:mm:ss', () => {
    expect(clockLabel(T0)).toMatch(/^\d\d:\d\d:\d\d$/);
  });
});
