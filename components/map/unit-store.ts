import { UNIT_STATUS_COLOR, ZUnitDto, type UnitDto } from '@/lib/domain/unit';
import type { EventDto } from '@/lib/domain/event';

/**
 * Where each unit is, as typed arrays deck.gl reads directly (binary attributes): one slot per call sign, written
 * in place as AVL events arrive over the live socket (they are ordinary events: kind `avl`, title = call sign).
 * The REST snapshot (/api/units) seeds positions, headings and statuses; a status changes there, so it is re-read
 * now and then, while positions move with every fix.
 */
export interface UnitBuffers {
  length: number;
  positions: Float32Array;
  /** deck.gl angle: degrees counter-clockwise (so -heading). */
  angles: Float32Array;
  colors: Uint8Array;
  /** Per slot: call sign, status and time of the last fix (epoch ms), for labels, tooltips and details. */
  callSigns: string[];
  statuses: string[];
  seenAt: Float64Array;
  version: number;
}

const UNKNOWN_STATUS: [number, number, number] = [148, 163, 184];
/** Below this many metres a fix is GPS jitter, not a direction of travel. */
const MIN_MOVE_M = 8;
/** A unit with no fix for this long is drawn faint: its position is a guess by now. */
export const STALE_MS = 10 * 60_000;

export function bearingDeg(fromLon: number, fromLat: number, toLon: number, toLat: number): number {
  const k = Math.cos((fromLat * Math.PI) / 180);
  const dx = (toLon - fromLon) * k;
  const dy = toLat - fromLat;
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

function metresBetween(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const k = Math.cos((aLat * Math.PI) / 180);
  return Math.hypot((bLon - aLon) * k, bLat - aLat) * 111_320;
}

export function createUnitStore(capacity = 5000) {
  const slots = new Map<string, number>();
  const status: string[] = [];
  const callSigns: string[] = [];
  const seenAt = new Float64Array(capacity);
  const buf: UnitBuffers = {
    callSigns,
    statuses: status,
    seenAt,
    length: 0,
    positions: new Float32Array(capacity * 2),
    angles: new Float32Array(capacity),
    colors: new Uint8Array(capacity * 4),
    version: 0,
  };
  const listeners = new Set<() => void>();

  function slotOf(callSign: string): number | null {
    let i = slots.get(callSign);
    if (i === undefined) {
      if (buf.length >= capacity) return null;
      i = buf.length++;
      slots.set(callSign, i);
      callSigns[i] = callSign;
      status[i] = 'available';
      buf.angles[i] = 0;
    }
    return i;
  }

  function paint(i: number, now: number): void {
    const [r, g, b] = UNIT_STATUS_COLOR[status[i]!] ?? UNKNOWN_STATUS;
    buf.colors.set([r, g, b, now - seenAt[i]! > STALE_MS ? 110 : 255], i * 4);
  }

  function move(i: number, lon: number, lat: number, at: number, heading: number | null): void {
    const known = seenAt[i]! > 0;
    const pLon = buf.positions[i * 2]!;
    const pLat = buf.positions[i * 2 + 1]!;
    if (heading !== null) buf.angles[i] = -heading;
    else if (known && metresBetween(pLon, pLat, lon, lat) >= MIN_MOVE_M) buf.angles[i] = -bearingDeg(pLon, pLat, lon, lat);
    buf.positions[i * 2] = lon;
    buf.positions[i * 2 + 1] = lat;
    seenAt[i] = at;
  }

  const changed = () => {
    buf.version++;
    for (const l of listeners) l();
  };

  return {
    buffers: buf,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The table's view (status, reported heading); a unit's newer live fix is not dragged back by an older row. */
    applySnapshot(units: readonly UnitDto[], now = Date.now()): void {
      for (const u of units) {
        const i = slotOf(u.callSign);
        if (i === null) continue;
        status[i] = u.status;
        const at = Date.parse(u.updatedAt);
        if (at >= seenAt[i]!) move(i, u.lon, u.lat, at, u.heading);
        paint(i, now);
      }
      changed();
    },
    /** Live AVL events from the socket, oldest first. Returns whether any unit moved. */
    applyEvents(events: readonly EventDto[], now = Date.now()): boolean {
      let moved = false;
      for (const e of events) {
        if (e.kind !== 'avl' || !e.title || e.lat === null || e.lon === null) continue;
        const i = slotOf(e.title);
        if (i === null) continue;
        const at = Date.parse(e.occurredAt);
        if (at < seenAt[i]!) continue; // a late, older fix
        move(i, e.lon, e.lat, at, null);
        paint(i, now);
        moved = true;
      }
      if (moved) changed();
      return moved;
    },
    /** Re-fades units that went quiet (called on a slow timer). */
    refreshStale(now = Date.now()): void {
      for (let i = 0; i < buf.length; i++) paint(i, now);
      changed();
    },
  };
}
export type UnitStore = ReturnType<typeof createUnitStore>;

/** GET /api/units; a failure leaves the last picture (live fixes keep moving it). */
export async function loadUnits(signal: AbortSignal): Promise<UnitDto[] | null> {
  try {
    const res = await fetch('/api/units', { signal, cache: 'no-store' });
    if (!res.ok) return null;
    const body = (await res.json()) as { units?: unknown[] };
    return (body.units ?? []).flatMap((u) => {
      const p = ZUnitDto.safeParse(u);
      return p.success ? [p.data] : [];
    });
  } catch {
    return null;
  }
}
