/**
 * One cell holding a place, as open-data portals export it: WKT `POINT (-87.6 41.8)` (lon lat; Socrata's
 * "Location" columns, ArcGIS exports), Socrata's older `(41.8, -87.6)` (lat, lon), `41.8, -87.6`, or a GeoJSON Point
 * (object, or its JSON text). Returns null for a blank cell; an error text for one that is not a place.
 */
export type PointResult = { lat: number; lon: number } | null | string;

const WKT = /^\s*(?:SRID=\d+;\s*)?POINT\s*(?:Z\s*|M\s*|ZM\s*)?\(\s*(-?[\d.]+(?:e-?\d+)?)\s+(-?[\d.]+(?:e-?\d+)?)(?:\s+-?[\d.]+)*\s*\)\s*$/i;
const PAIR = /^\s*\(?\s*(-?\d+(?:\.\d+)?)\s*[,\s]\s*(-?\d+(?:\.\d+)?)\s*\)?\s*$/;

function inRange(lat: number, lon: number): PointResult {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return 'not a number';
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return `(${lat}, ${lon}) is not a latitude/longitude in degrees (projected coordinates?)`;
  return { lat, lon };
}

function fromGeoJson(v: unknown): PointResult | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as { type?: unknown; coordinates?: unknown; latitude?: unknown; longitude?: unknown };
  if (o.type === 'Point' && Array.isArray(o.coordinates)) return inRange(Number(o.coordinates[1]), Number(o.coordinates[0]));
  // Socrata JSON: { latitude: "41.8", longitude: "-87.6" }
  if (o.latitude !== undefined && o.longitude !== undefined) return inRange(Number(o.latitude), Number(o.longitude));
  return undefined;
}

export function parsePoint(v: unknown): PointResult {
  if (v === null || v === undefined) return null;
  const asObject = fromGeoJson(v);
  if (asObject !== undefined) return asObject;
  if (typeof v !== 'string') return 'not a point';
  const t = v.trim();
  if (!t) return null;
  const wkt = WKT.exec(t);
  if (wkt) return inRange(Number(wkt[2]), Number(wkt[1]));
  if (t.startsWith('{')) {
    try {
      return fromGeoJson(JSON.parse(t)) ?? `"${t.slice(0, 40)}" is not a GeoJSON Point`;
    } catch {
      return `"${t.slice(0, 40)}" is not a point`;
    }
  }
  const pair = PAIR.exec(t);
  if (pair) return inRange(Number(pair[1]), Number(pair[2]));
  return `"${t.slice(0, 40)}" is not a point (WKT POINT (lon lat), (lat, lon) or GeoJSON)`;
}

/** A decimal degree from a cell; null when blank. */
export function parseDegree(v: unknown, limit: number): number | null | string {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) && Math.abs(v) <= limit ? v : `${v} is out of range`;
  if (typeof v !== 'string') return 'not a number';
  const t = v.trim();
  if (!t) return null;
  if (!/^-?\d+(?:\.\d+)?$/.test(t)) return `"${t.slice(0, 40)}" is not a number`;
  const n = Number(t);
  return Math.abs(n) <= limit ? n : `${n} is out of range (projected coordinates?)`;
}
