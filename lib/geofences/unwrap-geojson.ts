/**
 * What admins paste is rarely a bare Polygon: geojson.io and GIS exports give a Feature or a FeatureCollection.
 * Take the one polygon out of those (its type and coordinates only: a `bbox` or CRS member would trip the strict
 * schema for no good reason), or say in words why the text is not one polygon. The server validates the rest.
 */
export type Unwrapped = { ok: true; polygon: unknown } | { ok: false; message: string };

export function unwrapGeoJsonPolygon(text: string): Unwrapped {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `Not valid JSON: ${(err as Error).message}` };
  }
  const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  let g = obj(value);
  if (g?.type === 'FeatureCollection') {
    const features = Array.isArray(g.features) ? g.features : [];
    if (features.length !== 1) return { ok: false, message: `The FeatureCollection holds ${features.length} features: paste exactly one polygon` };
    g = obj(features[0]);
  }
  if (g?.type === 'Feature') g = obj(g.geometry);
  if (!g) return { ok: false, message: 'Expected a GeoJSON Polygon (or a Feature holding one)' };
  if (g.type === 'MultiPolygon') return { ok: false, message: 'MultiPolygon is not supported: paste one polygon per geofence' };
  if (g.type !== 'Polygon') return { ok: false, message: `Expected a GeoJSON Polygon, got type ${JSON.stringify(g.type ?? null)}` };
  return { ok: true, polygon: { type: g.type, coordinates: g.coordinates } };
}
