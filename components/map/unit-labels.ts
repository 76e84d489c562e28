import type { UnitBuffers } from './unit-store';

/**
 * Which call signs to write on the map at a zoom, so labels never overprint ("E16E6" where units stand in one
 * station). Greedy placement in screen pixels (Web Mercator world pixels at the zoom, 512 px tiles as MapLibre
 * uses): units doing something first (on scene, en route, dispatched), then by call sign; a label that would
 * overlap a placed one is left out, and if its unit stands where a placed label's unit stands, that label says so
 * ("E16 +2"). The same idea as deck.gl's CollisionFilterExtension, done on the CPU for a few hundred units, with
 * no extra package and no extra render pass. Pure: tests/unit/unit-labels.test.ts.
 */

export interface UnitLabel {
  slot: number;
  text: string;
}

/** Label box estimate for an 11 px semibold system font: average glyph width, line box, plate padding. */
const CHAR_PX = 7;
const LABEL_H = 16;
const OFFSET_X = 11;
const PAD_X = 3;
/** Units whose arrows are closer than this share a label ("+n"): the operator cannot tell them apart anyway. */
const STACK_PX = 14;
const CELL = 64;

const RANK: Record<string, number> = { on_scene: 0, en_route: 1, dispatched: 2, available: 3, out_of_service: 4 };

function worldPx(lon: number, lat: number, scale: number): [number, number] {
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [((lon + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale];
}

/** Spatial hash of boxes in pixels (numeric cell keys: world pixels at zoom 22 stay far below 2^31 cells a side). */
class BoxGrid {
  private readonly cells = new Map<number, number[]>();
  add(id: number, x0: number, x1: number, y0: number, y1: number): void {
    for (let cx = Math.floor(x0 / CELL); cx <= Math.floor(x1 / CELL); cx++)
      for (let cy = Math.floor(y0 / CELL); cy <= Math.floor(y1 / CELL); cy++) {
        const list = this.cells.get(cx * 2 ** 31 + cy);
        if (list) list.push(id);
        else this.cells.set(cx * 2 ** 31 + cy, [id]);
      }
  }
  /** The first kept box near this one for which `hit` is true (a box spanning cells may be offered twice). */
  find(x0: number, x1: number, y0: number, y1: number, hit: (id: number) => boolean): number {
    for (let cx = Math.floor(x0 / CELL); cx <= Math.floor(x1 / CELL); cx++)
      for (let cy = Math.floor(y0 / CELL); cy <= Math.floor(y1 / CELL); cy++)
        for (const id of this.cells.get(cx * 2 ** 31 + cy) ?? []) if (hit(id)) return id;
    return -1;
  }
}

export function placeUnitLabels(buf: Pick<UnitBuffers, 'length' | 'positions' | 'callSigns' | 'statuses'>, zoom: number): UnitLabel[] {
  const scale = 512 * 2 ** zoom;
  const order = Array.from({ length: buf.length }, (_, i) => i).filter((i) => buf.callSigns[i]);
  // Code-unit order, not localeCompare (≈ 10× slower, and a stable order is all that is needed).
  const rank = (i: number) => RANK[buf.statuses[i]!] ?? 5;
  order.sort((a, b) => rank(a) - rank(b) || (buf.callSigns[a]! < buf.callSigns[b]! ? -1 : buf.callSigns[a]! > buf.callSigns[b]! ? 1 : 0));

  // 1. Stacks: a unit standing on a more important one's spot joins its label as "+n".
  const leaders: { slot: number; x: number; y: number; n: number }[] = [];
  const arrows = new BoxGrid();
  for (const slot of order) {
    const [x, y] = worldPx(buf.positions[slot * 2]!, buf.positions[slot * 2 + 1]!, scale);
    const stack = arrows.find(x - STACK_PX, x + STACK_PX, y - STACK_PX, y + STACK_PX, (id) => Math.hypot(leaders[id]!.x - x, leaders[id]!.y - y) < STACK_PX);
    if (stack >= 0) leaders[stack]!.n++;
    else arrows.add(leaders.push({ slot, x, y, n: 0 }) - 1, x, x, y, y);
  }

  // 2. Labels, most important first; one that would overprint a kept label is left out.
  const kept: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const labels = new BoxGrid();
  const out: UnitLabel[] = [];
  for (const l of leaders) {
    const text = l.n ? `${buf.callSigns[l.slot]} +${l.n}` : buf.callSigns[l.slot]!;
    const b = { x0: l.x + OFFSET_X - PAD_X, x1: l.x + OFFSET_X + text.length * CHAR_PX + PAD_X, y0: l.y - LABEL_H / 2, y1: l.y + LABEL_H / 2 };
    const clash = labels.find(b.x0, b.x1, b.y0, b.y1, (id) => {
      const q = kept[id]!;
      return b.x0 < q.x1 && b.x1 > q.x0 && b.y0 < q.y1 && b.y1 > q.y0;
    });
    if (clash >= 0) continue;
    labels.add(kept.push(b) - 1, b.x0, b.x1, b.y0, b.y1);
    out.push({ slot: l.slot, text });
  }
  return out;
}
