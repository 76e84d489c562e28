import Flatbush from 'flatbush';
import type { GeofenceKind, Polygon } from '@/lib/domain/geofence';
import { inPolygonRings } from '@/lib/platform/geo/point-in-polygon';
import { metresToDeg, offsetM, type LatLon } from './geo';

export interface GeofenceGeo {
  id: string;
  agencyId: string;
  name: string;
  kind: GeofenceKind;
  polygon: Polygon;
}

/** Inside the outer ring and not inside any hole. */
export function pointInPolygon(p: LatLon, polygon: Polygon): boolean {
  return inPolygonRings(p.lon, p.lat, polygon.coordinates);
}

/** Metres from the point to the polygon: 0 inside, else distance to the nearest edge. */
export function distanceToPolygonM(p: LatLon, polygon: Polygon): number {
  if (pointInPolygon(p, polygon)) return 0;
  let best = Infinity;
  for (const ring of polygon.coordinates as [number, number][][]) {
    for (let i = 1; i < ring.length; i++) {
      const a = offsetM(p, { lon: ring[i - 1]![0], lat: ring[i - 1]![1] });
      const b = offsetM(p, { lon: ring[i]![0], lat: ring[i]![1] });
      best = Math.min(best, segmentDistance(a.dx, a.dy, b.dx, b.dy));
    }
  }
  return best;
}

/** Distance from the origin to segment a–b (planar metres). */
function segmentDistance(ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax;
  const vy = by - ay;
  const len2 = vx * vx + vy * vy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * vx + ay * vy) / len2));
  return Math.hypot(ax + t * vx, ay + t * vy);
}

function bbox(polygon: Polygon): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of polygon.coordinates[0]!) {
    minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

/** Static flatbush index of polygon bounding boxes; rebuilt when geofences change (admin edits, rare). */
export class GeofenceIndex {
  private readonly index: Flatbush | null;

  constructor(readonly fences: GeofenceGeo[]) {
    if (fences.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(fences.length);
    for (const f of fences) this.index.add(...bbox(f.polygon));
    this.index.finish();
  }

  /** Geofences of the agency within `radiusM` of the point (0: containing it), with their distance. */
  near(agencyId: string, p: LatLon, radiusM = 0): { fence: GeofenceGeo; distanceM: number }[] {
    if (!this.index) return [];
    const { dLat, dLon } = metresToDeg(radiusM, p.lat);
    const out: { fence: GeofenceGeo; distanceM: number }[] = [];
    for (const i of this.index.search(p.lon - dLon, p.lat - dLat, p.lon + dLon, p.lat + dLat)) {
      const fence = this.fences[i]!;
      if (fence.agencyId !== agencyId) continue;
      const d = radiusM === 0 ? (pointInPolygon(p, fence.polygon) ? 0 : Infinity) : distanceToPolygonM(p, fence.polygon);
      if (d <= radiusM) out.push({ fence, distanceM: d });
    }
    return out.sort((a, b) => a.distanceM - b.distanceM);
  }

  /** Ids of the agency's geofences containing the point. */
  containing(agencyId: string, p: LatLon): Set<string> {
    return new Set(this.near(agencyId, p, 0).map((n) => n.fence.id));
  }
}
