/**
 * CAP 1.2 area shapes → GeoJSON. CAP writes points as "lat,lon" (WGS 84), GeoJSON as [lon, lat].
 * A polygon is "lat,lon lat,lon …" (at least 4 pairs, first = last); a circle is "lat,lon radius_km".
 * GeoJSON has no circle: it becomes a 32-sided polygon for drawing, and its exact centre and radius are kept too.
 */

export type Position = [number, number];
export type CapGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'GeometryCollection'; geometries: CapGeometry[] };

export interface CapCircle {
  lat: number;
  lon: number;
  radiusKm: number;
}

const NUM = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)';
const PAIR = new RegExp(`^(${NUM}),(${NUM})$`);
const CIRCLE = new RegExp(`^(${NUM}),(${NUM})\\s+(${NUM})$`);
const EARTH_KM = 6371.0088;
const CIRCLE_SIDES = 32;

function point(lat: number, lon: number): Position | null {
  return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 ? [lon, lat] : null;
}

/** Parse a CAP polygon; returns a problem description instead of throwing, for field-named errors. */
export function parseCapPolygon(text: string): Position[] | string {
  const pairs = text.trim().split(/\s+/);
  if (pairs.length < 4) return 'needs at least 4 "lat,lon" pairs';
  const ring: Position[] = [];
  for (const p of pairs) {
    const m = PAIR.exec(p);
    const pos = m ? point(Number(m[1]), Number(m[2])) : null;
    if (!pos) return `"${p.slice(0, 40)}" is not a "lat,lon" pair in range`;
    ring.push(pos);
  }
  const [first, last] = [ring[0]!, ring[ring.length - 1]!];
  if (first[0] !== last[0] || first[1] !== last[1]) return 'first and last points must be the same';
  return ring;
}

export function parseCapCircle(text: string): CapCircle | string {
  const m = CIRCLE.exec(text.trim());
  if (!m) return 'must be "lat,lon radius_km"';
  const [lat, lon, radiusKm] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!point(lat, lon)) return 'centre out of range';
  if (!(radiusKm >= 0 && radiusKm <= 20_000)) return 'radius must be 0–20000 km';
  return { lat, lon, radiusKm };
}

/** A circle drawn as a polygon (destination-point formula on a sphere; ample for display). */
export function circleToGeometry(c: CapCircle): CapGeometry {
  if (c.radiusKm === 0) return { type: 'Point', coordinates: [c.lon, c.lat] };
  const φ1 = (c.lat * Math.PI) / 180;
  const λ1 = (c.lon * Math.PI) / 180;
  const δ = c.radiusKm / EARTH_KM;
  const ring: Position[] = [];
  for (let i = 0; i <= CIRCLE_SIDES; i++) {
    const θ = ((i % CIRCLE_SIDES) / CIRCLE_SIDES) * 2 * Math.PI;
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
    const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
    const lon = ((((λ2 * 180) / Math.PI + 540) % 360) - 180);
    ring.push([round(lon), round((φ2 * 180) / Math.PI)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Area-weighted centroid of a ring (planar lon/lat: areas are small), or the vertex mean when degenerate. */
export function ringCentroid(ring: Position[]): { lat: number; lon: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(a) < 1e-12) {
    const pts = ring.slice(0, -1);
    return { lon: mean(pts.map((p) => p[0])), lat: mean(pts.map((p) => p[1])) };
  }
  return { lon: cx / (3 * a), lat: cy / (3 * a) };
}

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** All shapes of an alert → one GeoJSON geometry and the centre of their centres (null when none). */
export function combineShapes(
  polygons: Position[][],
  circles: CapCircle[],
): { geometry: CapGeometry | null; centroid: { lat: number; lon: number } | null } {
  const geometries: CapGeometry[] = [
    ...polygons.map((ring): CapGeometry => ({ type: 'Polygon', coordinates: [ring] })),
    ...circles.map(circleToGeometry),
  ];
  const centres = [...polygons.map(ringCentroid), ...circles.map((c) => ({ lat: c.lat, lon: c.lon }))];
  if (geometries.length === 0) return { geometry: null, centroid: null };
  const geometry = geometries.length === 1 ? geometries[0]! : { type: 'GeometryCollection' as const, geometries };
  const centroid = { lat: round(mean(centres.map((c) => c.lat))), lon: round(mean(centres.map((c) => c.lon))) };
  return { geometry, centroid };
}
