/**
 * Aggregations of the live point buffers for the map's low-zoom clusters and the heatmap, in plain typed arrays
 * (no supercluster or deck.gl aggregation layers in this project's dependencies). Both are one O(n) pass with a
 * hash map, so 100k points aggregate in a few milliseconds; callers re-run them at most a few times a second.
 */

const TILE_PX = 512;

/** Below this zoom the live points are drawn as clusters (a whole region at once, where single dots smear). */
export const CLUSTER_BELOW_ZOOM = 11;
export const HEAT_HOURS = [1, 6, 24] as const;
export type HeatHours = (typeof HEAT_HOURS)[number];

/** Web Mercator world pixel coordinates at `zoom` (deck.gl and MapLibre's 512 px tiles). */
export function worldPx(lon: number, lat: number, zoom: number): [number, number] {
  const scale = TILE_PX * 2 ** zoom;
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return [((lon + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale];
}

export interface Clusters {
  length: number;
  /** Mean position of the members: a cluster sits where its events are, not on a grid corner. */
  positions: Float32Array;
  counts: Uint32Array;
}

/** Above this many cells in the points' bounding box, cells are found through a hash map instead of a dense index. */
const DENSE_LIMIT = 1 << 22;

/**
 * Assigns each selected point (cell coordinates `cx`, `cy`; -1 in `cx` = skipped) a dense cluster number, in first-seen
 * order. A city's points span a small box of cells, so a flat Int32Array index is used: a Map lookup per point costs
 * several times more (measured: 100k points in ≈ 30 ms with a Map, a few ms dense).
 */
function assignCells(cx: Int32Array, cy: Int32Array, n: number): { cell: Int32Array; count: number; keys: Int32Array } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (cx[i] === SKIP) continue;
    if (cx[i]! < minX) minX = cx[i]!;
    if (cx[i]! > maxX) maxX = cx[i]!;
    if (cy[i]! < minY) minY = cy[i]!;
    if (cy[i]! > maxY) maxY = cy[i]!;
  }
  const cell = new Int32Array(n).fill(-1);
  const keys = new Int32Array(n * 2);
  let count = 0;
  if (minX === Infinity) return { cell, count, keys };
  const cols = maxX - minX + 1;
  const dense = cols * (maxY - minY + 1) <= DENSE_LIMIT;
  const index = dense ? new Int32Array(cols * (maxY - minY + 1)).fill(-1) : null;
  const map = dense ? null : new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (cx[i] === SKIP) continue;
    let c: number | undefined;
    if (index) {
      const k = (cy[i]! - minY) * cols + (cx[i]! - minX);
      c = index[k]!;
      if (c < 0) index[k] = c = count++;
      else { cell[i] = c; continue; }
    } else {
      const k = `${cx[i]},${cy[i]}`;
      c = map!.get(k);
      if (c !== undefined) { cell[i] = c; continue; }
      map!.set(k, (c = count++));
    }
    cell[i] = c;
    keys[c * 2] = cx[i]!;
    keys[c * 2 + 1] = cy[i]!;
  }
  return { cell, count, keys };
}
const SKIP = -2147483648;

/**
 * Greedy screen-grid clustering: points falling in the same `cellPx` square at `zoom` form one cluster. Stable
 * while panning (the grid is fixed to the world, not the viewport), so clusters do not jump as the map moves.
 */
export function clusterPoints(positions: Float32Array, n: number, zoom: number, cellPx = 64): Clusters {
  const cx = new Int32Array(n);
  const cy = new Int32Array(n);
  // worldPx inlined: no [x, y] pair allocated per point.
  const scale = (TILE_PX * 2 ** zoom) / cellPx;
  for (let i = 0; i < n; i++) {
    const sin = Math.sin((Math.max(-85.05, Math.min(85.05, positions[i * 2 + 1]!)) * Math.PI) / 180);
    cx[i] = Math.floor(((positions[i * 2]! + 180) / 360) * scale);
    cy[i] = Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale);
  }
  const { cell, count } = assignCells(cx, cy, n);
  const sum = new Float64Array(count * 2);
  const counts = new Uint32Array(count);
  for (let i = 0; i < n; i++) {
    const c = cell[i]!;
    sum[c * 2]! += positions[i * 2]!;
    sum[c * 2 + 1]! += positions[i * 2 + 1]!;
    counts[c]!++;
  }
  const out: Clusters = { length: count, positions: new Float32Array(count * 2), counts };
  for (let c = 0; c < count; c++) {
    out.positions[c * 2] = sum[c * 2]! / counts[c]!;
    out.positions[c * 2 + 1] = sum[c * 2 + 1]! / counts[c]!;
  }
  return out;
}

export interface HeatGrid {
  length: number;
  /** South-west corner of each cell (deck.gl GridCellLayer's anchor). */
  corners: Float32Array;
  counts: Uint32Array;
  max: number;
  cellM: number;
}

const M_PER_DEG_LAT = 111_320;

/**
 * Counts of the points with time ≥ `since` per square cell of `cellM` metres (degrees scaled at `refLat`: over a
 * city the error is negligible). Cells with nothing are not returned.
 */
export function heatGrid(positions: Float32Array, times: Float64Array, n: number, since: number, refLat: number, cellM = 250): HeatGrid {
  const dLat = cellM / M_PER_DEG_LAT;
  const dLon = cellM / (M_PER_DEG_LAT * Math.cos((refLat * Math.PI) / 180));
  const cx = new Int32Array(n);
  const cy = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!(times[i]! >= since)) {
      cx[i] = SKIP;
      continue;
    }
    cx[i] = Math.floor(positions[i * 2]! / dLon);
    cy[i] = Math.floor(positions[i * 2 + 1]! / dLat);
  }
  const { cell, count, keys } = assignCells(cx, cy, n);
  const out: HeatGrid = { length: count, corners: new Float32Array(count * 2), counts: new Uint32Array(count), max: 0, cellM };
  for (let i = 0; i < n; i++) if (cell[i]! >= 0) out.counts[cell[i]!]!++;
  for (let c = 0; c < count; c++) {
    out.corners[c * 2] = keys[c * 2]! * dLon;
    out.corners[c * 2 + 1] = keys[c * 2 + 1]! * dLat;
    if (out.counts[c]! > out.max) out.max = out.counts[c]!;
  }
  return out;
}

/** Heat colour ramp (cool to hot) with opacity growing with density; `v` in [0, 1]. */
export function heatColor(v: number): [number, number, number, number] {
  const stops: [number, number, number][] = [[37, 99, 235], [34, 211, 238], [250, 204, 21], [249, 115, 22], [220, 38, 38]];
  const x = Math.max(0, Math.min(1, v)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [stops[i]!, stops[i + 1]!];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f), Math.round(45 + 155 * Math.max(0, Math.min(1, v)))];
}
