import type { LatLon } from './geo';
import type { GeofenceGeo, GeofenceIndex } from './geofences';

/** A unit as the correlator holds it: its last position, status, and the geofences that position is inside. */
export interface UnitState {
  agencyId: string;
  callSign: string;
  status: string;
  lat: number;
  lon: number;
  fences: Set<string>;
}

export interface Crossings {
  entered: GeofenceGeo[];
  left: GeofenceGeo[];
}

export const NO_CROSSINGS: Crossings = { entered: [], left: [] };

const keyOf = (agencyId: string, callSign: string) => `${agencyId}|${callSign}`;

/**
 * Current unit positions, fed by AVL events in seq order and rebuilt from PostgreSQL on start (read-state.ts), so
 * a restart does not make every unit "enter" the geofences it was already in. Enter/leave are facts for rules. (Nearest available
 * units for an incident's detail come from the `unit` table, which AVL ingest moves in the same transaction, so
 * any node answers them, not only the one holding the correlator.)
 */
export class UnitIndex {
  private readonly units = new Map<string, UnitState>();

  get size(): number {
    return this.units.size;
  }

  get(agencyId: string, callSign: string): UnitState | undefined {
    return this.units.get(keyOf(agencyId, callSign));
  }

  /** Start-up state: no facts are produced for where units already are. */
  place(u: Omit<UnitState, 'fences'>, fences: GeofenceIndex): void {
    this.units.set(keyOf(u.agencyId, u.callSign), { ...u, fences: fences.containing(u.agencyId, u) });
  }

  /**
   * A new fix: the geofences entered and left since the unit's previous position. A unit seen for the first time
   * enters the geofences it is in. `status` null keeps the known status (most fixes do not report one).
   */
  move(agencyId: string, callSign: string, p: LatLon, status: string | null, fences: GeofenceIndex): Crossings {
    const key = keyOf(agencyId, callSign);
    const prev = this.units.get(key);
    const inside = fences.near(agencyId, p, 0).map((n) => n.fence);
    const nowIds = new Set(inside.map((f) => f.id));
    this.units.set(key, { agencyId, callSign, status: status ?? prev?.status ?? 'available', lat: p.lat, lon: p.lon, fences: nowIds });
    const before = prev?.fences ?? new Set<string>();
    if (!inside.length && !before.size) return NO_CROSSINGS;
    return {
      entered: inside.filter((f) => !before.has(f.id)),
      left: fences.fences.filter((f) => before.has(f.id) && !nowIds.has(f.id)),
    };
  }

  /** Geofences changed (admin edit): recompute membership silently, an edit is not a unit crossing a boundary. */
  refence(fences: GeofenceIndex): void {
    for (const u of this.units.values()) u.fences = fences.containing(u.agencyId, u);
  }

}
