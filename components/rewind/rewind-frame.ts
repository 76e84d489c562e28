import { KIND_COLOR, type EventKind } from '@/lib/domain/event';
import { fadeAlpha, lowerBound, TRAIL_MS, upperBound } from './rewind-math';

/**
 * One fetched slice of history as typed arrays (located events only, oldest first), and the composition of what
 * the map shows at a replay time: every event of the trailing window, faded by age, in reused scratch arrays.
 */
export interface Chunk {
  n: number;
  t: Float64Array;
  positions: Float32Array;
  /** RGB per event (alpha is per frame, from its age). */
  rgb: Uint8Array;
}

/** The /api/search/rewind columns (lib/search/load-rewind.ts RewindFrame), as far as the map reads them. */
export interface RewindColumns {
  kinds: readonly string[];
  t: number[];
  kind: number[];
  lat: (number | null)[];
  lon: (number | null)[];
}

export function chunkFromColumns(c: RewindColumns): Chunk {
  const total = c.t.length;
  const t = new Float64Array(total);
  const positions = new Float32Array(total * 2);
  const rgb = new Uint8Array(total * 3);
  let n = 0;
  for (let i = 0; i < total; i++) {
    const lat = c.lat[i];
    const lon = c.lon[i];
    if (lat === null || lon === null || lat === undefined || lon === undefined) continue;
    const color = KIND_COLOR[c.kinds[c.kind[i]!] as EventKind] ?? [148, 163, 184];
    t[n] = c.t[i]!;
    positions[n * 2] = lon;
    positions[n * 2 + 1] = lat;
    rgb.set(color, n * 3);
    n++;
  }
  // The server sends oldest first; sorting here anyway keeps the binary search right if that ever changes.
  if (!isSorted(t, n)) return sortChunk({ n, t, positions, rgb });
  return { n, t, positions, rgb };
}

function isSorted(t: Float64Array, n: number): boolean {
  for (let i = 1; i < n; i++) if (t[i]! < t[i - 1]!) return false;
  return true;
}

function sortChunk(c: Chunk): Chunk {
  const order = Array.from({ length: c.n }, (_, i) => i).sort((a, b) => c.t[a]! - c.t[b]!);
  const out: Chunk = { n: c.n, t: new Float64Array(c.n), positions: new Float32Array(c.n * 2), rgb: new Uint8Array(c.n * 3) };
  order.forEach((from, to) => {
    out.t[to] = c.t[from]!;
    out.positions.set(c.positions.subarray(from * 2, from * 2 + 2), to * 2);
    out.rgb.set(c.rgb.subarray(from * 3, from * 3 + 3), to * 3);
  });
  return out;
}

export interface VisibleFrame {
  length: number;
  positions: Float32Array;
  colors: Uint8Array;
}

/**
 * Grows once to the largest trail seen and is then reused: a frame per animation frame allocates nothing.
 * Chunks must be passed oldest first and not overlap (adjacent [from, to) slices).
 */
export class FrameComposer {
  private positions = new Float32Array(0);
  private colors = new Uint8Array(0);

  compose(chunks: readonly Chunk[], cursor: number, trailMs = TRAIL_MS): VisibleFrame {
    const from = cursor - trailMs;
    let total = 0;
    const ranges: [Chunk, number, number][] = [];
    for (const c of chunks) {
      const lo = lowerBound(c.t, c.n, from);
      const hi = upperBound(c.t, c.n, cursor);
      if (hi > lo) {
        ranges.push([c, lo, hi]);
        total += hi - lo;
      }
    }
    if (this.positions.length < total * 2) {
      this.positions = new Float32Array(total * 2 + 2048);
      this.colors = new Uint8Array(total * 4 + 4096);
    }
    let k = 0;
    for (const [c, lo, hi] of ranges) {
      this.positions.set(c.positions.subarray(lo * 2, hi * 2), k * 2);
      for (let i = lo; i < hi; i++, k++) {
        const o = k * 4;
        this.colors[o] = c.rgb[i * 3]!;
        this.colors[o + 1] = c.rgb[i * 3 + 1]!;
        this.colors[o + 2] = c.rgb[i * 3 + 2]!;
        this.colors[o + 3] = fadeAlpha(cursor - c.t[i]!);
      }
    }
    return { length: total, positions: this.positions, colors: this.colors };
  }
}
