import { cell, parseCsv } from '@/lib/ingest/adapters/csv';
import { parseSfDateTime, parseSfLocation } from '@/lib/ingest/adapters/sf-fire-cad';
import type { UnitStatus } from '@/lib/ingest/adapters/avl-osmand';

/**
 * Unit movements derived from the SF Fire CAD week: every unit row's dispatch, on-scene and available times, the
 * incident's (block-snapped) location, and a home for each unit. The recording holds no GPS: positions between
 * those moments are straight lines at the recorded pace when it is plausible (8–90 km/h), else at 35 km/h.
 * Home is the middle (median) of the calls in the station area that bears the unit's number (E39 → area 39),
 * or of the unit's own calls when no area does: an approximation of the station, said so in SOURCE notes.
 */

export interface Segment {
  t0: number;
  t1: number;
  from: [number, number];
  to: [number, number];
  status: UnitStatus;
}

export interface UnitPlan {
  unitId: string;
  unitType: string | null;
  home: [number, number];
  /** Sorted, non-overlapping; between and after segments the unit stands where the previous one ended. */
  segments: Segment[];
}

const CRUISE_KMH = 35;
const MIN_KMH = 8;
const MAX_KMH = 90;
const DEFAULT_STAY_MS = 20 * 60_000;

interface Row {
  unitId: string;
  unitType: string | null;
  area: string;
  at: [number, number];
  dispatch: number;
  onScene: number | null;
  available: number | null;
}

export function distanceM(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad * Math.cos(((a[0] + b[0]) / 2) * rad);
  return Math.sqrt(dLat * dLat + dLon * dLon) * 6_371_000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const middle = (pts: [number, number][]): [number, number] => [median(pts.map((p) => p[0])), median(pts.map((p) => p[1]))];

function time(text: string): number | null {
  const iso = parseSfDateTime(text);
  return iso === null ? null : Date.parse(iso);
}

function readRows(csvText: string): Row[] {
  const rows: Row[] = [];
  for (const r of parseCsv(csvText)) {
    const at = parseSfLocation(cell(r, 'Location'));
    const dispatch = time(cell(r, 'Dispatch DtTm'));
    const unitId = cell(r, 'Unit ID').trim();
    if (!at || dispatch === null || !/^[\w.:@-]{1,50}$/.test(unitId)) continue;
    rows.push({
      unitId,
      unitType: cell(r, 'Unit Type').trim() || null,
      area: cell(r, 'Station Area').trim(),
      at: [at.lat, at.lon],
      dispatch,
      onScene: time(cell(r, 'On Scene DtTm')),
      available: time(cell(r, 'Available DtTm')),
    });
  }
  return rows;
}

function travelMs(from: [number, number], to: [number, number], recordedMs: number | null): number {
  const m = distanceM(from, to);
  if (recordedMs !== null && recordedMs > 0) {
    const kmh = m / 1000 / (recordedMs / 3_600_000);
    if (kmh >= MIN_KMH && kmh <= MAX_KMH) return recordedMs;
  }
  return Math.max(30_000, (m / 1000 / CRUISE_KMH) * 3_600_000);
}

/** Where a unit is at `t` given one segment (linear between its ends). */
function along(s: Segment, t: number): [number, number] {
  const f = s.t1 <= s.t0 ? 1 : Math.min(1, Math.max(0, (t - s.t0) / (s.t1 - s.t0)));
  return [s.from[0] + (s.to[0] - s.from[0]) * f, s.from[1] + (s.to[1] - s.from[1]) * f];
}

/** Drop what the plan held after `t` (a new dispatch came first): the unit is where it was at t. */
function cutAt(segments: Segment[], t: number, home: [number, number]): [number, number] {
  while (segments.length && segments[segments.length - 1]!.t0 >= t) segments.pop();
  const last = segments[segments.length - 1];
  if (!last) return home;
  if (last.t1 > t) {
    last.to = along(last, t);
    last.t1 = t;
  }
  return last.to;
}

function planOne(unitId: string, rows: Row[], home: [number, number]): UnitPlan {
  const segments: Segment[] = [];
  rows.sort((a, b) => a.dispatch - b.dispatch);
  for (const r of rows) {
    const pos = cutAt(segments, r.dispatch, home);
    const arrive = r.dispatch + travelMs(pos, r.at, r.onScene === null ? null : r.onScene - r.dispatch);
    const free = r.available !== null && r.available > r.dispatch ? r.available : arrive + DEFAULT_STAY_MS;
    let end: [number, number] = r.at;
    let back = Math.max(arrive, free);
    if (r.onScene === null && free < arrive) {
      // Cancelled en route: turned back where it was when released.
      const leg: Segment = { t0: r.dispatch, t1: arrive, from: pos, to: r.at, status: 'en_route' };
      end = along(leg, free);
      segments.push({ ...leg, t1: free, to: end });
      back = free;
    } else {
      segments.push({ t0: r.dispatch, t1: arrive, from: pos, to: r.at, status: 'en_route' });
      if (free > arrive) segments.push({ t0: arrive, t1: free, from: r.at, to: r.at, status: 'on_scene' });
    }
    segments.push({ t0: back, t1: back + travelMs(end, home, null), from: end, to: home, status: 'available' });
  }
  return { unitId, unitType: rows[0]?.unitType ?? null, home, segments };
}

/** Every unit of the CAD week with its home and its movements, on the recording's own clock. */
export function planUnits(csvText: string): UnitPlan[] {
  const rows = readRows(csvText);
  const byArea = new Map<string, [number, number][]>();
  const byUnit = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.area) (byArea.get(r.area) ?? byArea.set(r.area, []).get(r.area)!).push(r.at);
    (byUnit.get(r.unitId) ?? byUnit.set(r.unitId, []).get(r.unitId)!).push(r);
  }
  return [...byUnit].map(([unitId, own]) => {
    const n = /(\d+)$/.exec(unitId)?.[1];
    const area = n ? byArea.get(n.padStart(2, '0')) : undefined;
    return planOne(unitId, own, middle(area?.length ? area : own.map((r) => r.at)));
  });
}

export interface UnitState {
  at: [number, number];
  status: UnitStatus;
  moving: boolean;
  heading: number | null;
  speedKmh: number;
}

/** The unit at recording time `t`: the segment holding t, else standing where the last one before t ended. */
export function unitAt(plan: UnitPlan, t: number): UnitState {
  const s = plan.segments;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid]!.t0 <= t) lo = mid + 1;
    else hi = mid;
  }
  const seg = s[lo - 1];
  if (!seg) return { at: plan.home, status: 'available', moving: false, heading: null, speedKmh: 0 };
  if (t >= seg.t1) return { at: seg.to, status: 'available', moving: false, heading: null, speedKmh: 0 };
  const moving = seg.from[0] !== seg.to[0] || seg.from[1] !== seg.to[1];
  const kmh = moving ? distanceM(seg.from, seg.to) / 1000 / ((seg.t1 - seg.t0) / 3_600_000) : 0;
  return { at: along(seg, t), status: seg.status, moving, heading: moving ? bearing(seg.from, seg.to) : null, speedKmh: Math.round(kmh) };
}

function bearing(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const y = Math.sin((b[1] - a[1]) * rad) * Math.cos(b[0] * rad);
  const x = Math.cos(a[0] * rad) * Math.sin(b[0] * rad) - Math.sin(a[0] * rad) * Math.cos(b[0] * rad) * Math.cos((b[1] - a[1]) * rad);
  return Math.round(((Math.atan2(y, x) / rad + 360) % 360) * 10) / 10;
}
