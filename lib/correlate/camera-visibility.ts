import KDBush from 'kdbush';
import { angleBetweenDeg, bearingDeg, distanceM, project, type LatLon } from './geo';

export interface CameraGeo {
  id: string;
  agencyId: string;
  name: string;
  lat: number;
  lon: number;
  /** Degrees clockwise from north; null when the source does not say. */
  heading: number | null;
  fovDeg: number;
  rangeM: number;
  ptz: boolean;
  status: string;
}

export type Coverage = 'fov' | 'ptz' | 'omni' | 'unknown-heading';

export interface VisibleCamera {
  id: string;
  distanceM: number;
  coverage: Coverage;
}

/**
 * Can this camera see the point? In range always; then a PTZ camera can turn to it, a 360° camera sees all
 * round, a fixed camera only if the point lies within ±fov/2 of its heading. A fixed camera of unknown heading
 * is "maybe" (ranked after every confirmed view). Offline cameras see nothing.
 */
export function coverageOf(cam: CameraGeo, point: LatLon): { distanceM: number; coverage: Coverage } | null {
  if (cam.status === 'offline') return null;
  const d = distanceM(cam, point);
  if (d > cam.rangeM) return null;
  if (cam.ptz) return { distanceM: d, coverage: 'ptz' };
  if (cam.fovDeg >= 360) return { distanceM: d, coverage: 'omni' };
  if (cam.heading === null) return { distanceM: d, coverage: 'unknown-heading' };
  // A camera standing on the point sees it whatever its heading.
  if (d < 1) return { distanceM: d, coverage: 'fov' };
  return angleBetweenDeg(bearingDeg(cam, point), cam.heading) <= cam.fovDeg / 2 ? { distanceM: d, coverage: 'fov' } : null;
}

/** Confirmed views first, nearest first; cameras of unknown heading after them. */
export function rankVisible(cameras: Iterable<CameraGeo>, point: LatLon, topN: number): VisibleCamera[] {
  const seen: VisibleCamera[] = [];
  for (const cam of cameras) {
    const c = coverageOf(cam, point);
    if (c) seen.push({ id: cam.id, ...c });
  }
  const unsure = (v: VisibleCamera) => (v.coverage === 'unknown-heading' ? 1 : 0);
  seen.sort((a, b) => unsure(a) - unsure(b) || a.distanceM - b.distanceM);
  return seen.slice(0, topN);
}

/** Static kdbush index of one agency's cameras; rebuilt when the camera list changes (rare). */
export class CameraIndex {
  private readonly index: KDBush | null;
  private readonly refLat: number;
  private readonly maxRange: number;

  constructor(private readonly cameras: CameraGeo[]) {
    this.refLat = cameras.length ? cameras.reduce((s, c) => s + c.lat, 0) / cameras.length : 0;
    this.maxRange = cameras.reduce((m, c) => Math.max(m, c.rangeM), 0);
    if (cameras.length === 0) {
      this.index = null;
      return;
    }
    this.index = new KDBush(cameras.length);
    for (const c of cameras) {
      const { x, y } = project(c, this.refLat);
      this.index.add(x, y);
    }
    this.index.finish();
  }

  /** Top N cameras that can see the point. */
  visible(point: LatLon, topN: number): VisibleCamera[] {
    if (!this.index) return [];
    const { x, y } = project(point, this.refLat);
    // 2 % slack: the projection at the reference latitude differs slightly from the local one.
    const ids = this.index.within(x, y, this.maxRange * 1.02 + 1);
    return rankVisible(
      ids.map((i) => this.cameras[i]!),
      point,
      topN,
    );
  }
}
