import type { EventKind } from '@/lib/domain/event';
import { distanceM, metresToDeg, type LatLon } from './geo';
import { gapMs } from './windows';
import type { Category } from './situation-rules';

/** A located, timed item of the live window: an event, and the incident it belongs to (if any). */
export interface Anchor {
  lat: number;
  lon: number;
  /** Event time span, ms since epoch (a CAD call lasts from received until its units are available). */
  t0: number;
  t1: number;
  kind: EventKind;
  seq: bigint;
  incidentId: string | null;
  plate: string | null;
  /** What the event reports (situation-rules.ts): joins compare report with report, so a merged situation keeps both. */
  cat?: Category;
}

const CELL_DEG = 0.005; // ≈ 550 m north–south, ≈ 440 m east–west at 37.7° N

const key = (row: number, col: number) => row * 100_000 + col;

/**
 * Uniform lat/lon grid hash of the live window. Inserts are O(1) and the window slides continuously, which a
 * static kdbush/flatbush would have to rebuild for (see the note in tests/bench/correlate.ts for the figures).
 */
export class AnchorGrid {
  private readonly cells = new Map<number, Anchor[]>();
  /** Anchors by the incident they name (may list one twice, or one that names another since): merges look here. */
  private byIncident = new Map<string, Anchor[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(a: Anchor): void {
    const k = key(Math.floor(a.lat / CELL_DEG), Math.floor(a.lon / CELL_DEG));
    const cell = this.cells.get(k);
    if (cell) cell.push(a);
    else this.cells.set(k, [a]);
    this.count++;
    this.index(a);
  }

  /** An anchor in the window now belongs to `incidentId` (an LPR read a hotlist hit claims). */
  assign(a: Anchor, incidentId: string): void {
    a.incidentId = incidentId;
    this.index(a);
  }

  private index(a: Anchor): void {
    if (a.incidentId === null) return;
    const list = this.byIncident.get(a.incidentId);
    if (list) list.push(a);
    else this.byIncident.set(a.incidentId, [a]);
  }

  /** Anchors within `radiusM` and `windowMs` of (p, t) accepted by `filter`, nearest first. */
  query(p: LatLon, t: number, radiusM: number, windowMs: number, filter: (a: Anchor) => boolean): { anchor: Anchor; distanceM: number }[] {
    const { dLat, dLon } = metresToDeg(radiusM, p.lat);
    const r0 = Math.floor((p.lat - dLat) / CELL_DEG);
    const r1 = Math.floor((p.lat + dLat) / CELL_DEG);
    const c0 = Math.floor((p.lon - dLon) / CELL_DEG);
    const c1 = Math.floor((p.lon + dLon) / CELL_DEG);
    const out: { anchor: Anchor; distanceM: number }[] = [];
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = this.cells.get(key(r, c));
        if (!cell) continue;
        for (const a of cell) {
          if (gapMs(t, a.t0, a.t1) > windowMs || !filter(a)) continue;
          const d = distanceM(p, a);
          if (d <= radiusM) out.push({ anchor: a, distanceM: d });
        }
      }
    }
    return out.sort((x, y) => x.distanceM - y.distanceM);
  }

  /** Drop anchors whose span ended before `cutoff`. */
  evictBefore(cutoff: number): void {
    for (const [k, cell] of this.cells) {
      const kept = cell.filter((a) => a.t1 >= cutoff);
      this.count -= cell.length - kept.length;
      if (kept.length === 0) this.cells.delete(k);
      else if (kept.length !== cell.length) this.cells.set(k, kept);
    }
    this.byIncident = new Map();
    for (const cell of this.cells.values()) for (const a of cell) this.index(a);
  }

  /** Keep at most `max` anchors: drop those whose span ended first (bounded memory whatever the lateness). */
  capTo(max: number): void {
    if (this.count <= max) return;
    const ends = new Float64Array(this.count);
    let i = 0;
    for (const cell of this.cells.values()) for (const a of cell) ends[i++] = a.t1;
    ends.sort();
    this.evictBefore(ends[this.count - max]!);
  }

  /** Point the anchors of these events at `to` (an operator split them off). */
  retargetSeqs(seqs: Set<bigint>, to: string): void {
    for (const cell of this.cells.values()) for (const a of cell) if (seqs.has(a.seq)) this.assign(a, to);
  }

  /** Point every anchor of `from` at `to` (after a merge). */
  retarget(from: string, to: string): void {
    const list = this.byIncident.get(from);
    if (!list) return;
    this.byIncident.delete(from);
    for (const a of list) if (a.incidentId === from) this.assign(a, to);
  }
}
