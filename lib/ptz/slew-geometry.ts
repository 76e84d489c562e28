/**
 * Where a PTZ camera must look to see a place. Convention (README, PTZ): ONVIF's generic pan space -1…1 spans
 * ±180° around the camera's stored `heading` (pan 0 looks along the heading), the common mapping of 360° domes;
 * a camera without a heading cannot be aimed by bearing.
 */
const R = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

export interface LatLon {
  lat: number;
  lon: number;
}

export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b, degrees clockwise from north, 0 ≤ b < 360. */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const y = Math.sin(rad(b.lon - a.lon)) * Math.cos(rad(b.lat));
  const x = Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) - Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lon - a.lon));
  return (deg(Math.atan2(y, x)) + 360) % 360;
}

/** Signed smallest difference b − a in degrees, in (-180, 180]. */
export function angleDiff(a: number, b: number): number {
  const d = (((b - a) % 360) + 540) % 360 - 180;
  return d === -180 ? 180 : d;
}

export const panForBearing = (bearing: number, heading: number): number => angleDiff(heading, bearing) / 180;
export const bearingForPan = (pan: number, heading: number): number => (((heading + pan * 180) % 360) + 360) % 360;

export interface AimCamera extends LatLon {
  heading: number | null;
  fovDeg: number;
  rangeM: number;
}

export interface PresetPosition {
  token: string;
  name: string;
  pan: number | null;
}

export type Aim =
  | { method: 'preset'; token: string; name: string; bearing: number; off: number }
  | { method: 'absolute'; pan: number; bearing: number }
  | { method: 'none'; bearing: number; why: string };

/**
 * The nearest preset whose view (bearing ± fov/2) covers the target; else an absolute pan computed from the
 * bearing when the camera supports it; else nothing, with the reason.
 */
export function aimAt(cam: AimCamera, target: LatLon, presets: readonly PresetPosition[], absolute: boolean): Aim {
  const bearing = bearingDeg(cam, target);
  if (cam.heading === null) return { method: 'none', bearing, why: 'the camera has no heading, so its pan cannot be mapped to a bearing' };
  let best: Aim | null = null;
  for (const p of presets) {
    if (p.pan === null) continue;
    const off = Math.abs(angleDiff(bearingForPan(p.pan, cam.heading), bearing));
    if (off <= cam.fovDeg / 2 && (!best || (best.method === 'preset' && off < best.off))) best = { method: 'preset', token: p.token, name: p.name, bearing, off };
  }
  if (best) return best;
  if (absolute) return { method: 'absolute', pan: Math.round(panForBearing(bearing, cam.heading) * 10_000) / 10_000, bearing };
  return { method: 'none', bearing, why: 'no preset covers the place and the camera has no absolute moves' };
}
