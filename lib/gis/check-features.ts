import { AppError } from '@/lib/platform/errors/app-error';
import type { GisCollection, GisFeature } from './parse-gis-file';

export const MAX_LAYER_FEATURES = 50_000;
const KINDS = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);
/** How deep each geometry type nests its positions. */
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

export interface CheckedLayer {
  features: GisFeature[];
  geometryTypes: string[];
  bbox: [number, number, number, number];
}

const bad = (path: string, message: string) => new AppError('BAD_REQUEST', `${path}: ${message}`, [{ path, message }]);

/**
 * What a map layer may hold: at least one feature with a geometry, points/lines/polygons only (a
 * GeometryCollection is split into its parts), every position a finite longitude/latitude. A shapefile without a
 * .prj keeps its projected metres and fails here, by name, rather than drawing nothing somewhere off the globe.
 * Features without a geometry are dropped; anything else wrong refuses the whole file.
 */
export function checkFeatures(fc: GisCollection): CheckedLayer {
  const out: GisFeature[] = [];
  const types = new Set<string>();
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (f: GisFeature, g: NonNullable<GisFeature['geometry']>, path: string) => {
    if (g.type === 'GeometryCollection') {
      const parts = (g as unknown as { geometries?: unknown }).geometries;
      if (!Array.isArray(parts)) throw bad(path, 'GeometryCollection without geometries');
      parts.forEach((p, j) => add(f, p as NonNullable<GisFeature['geometry']>, `${path}.geometries[${j}]`));
      return;
    }
    if (!KINDS.has(g.type)) throw bad(path, `unsupported geometry type ${JSON.stringify(g.type)}`);
    positions(g.coordinates, DEPTH[g.type]!, `${path}.coordinates`, box);
    types.add(g.type);
    out.push({ type: 'Feature', properties: f.properties, geometry: { type: g.type, coordinates: g.coordinates } });
    if (out.length > MAX_LAYER_FEATURES) throw bad('file', `more than ${MAX_LAYER_FEATURES} features`);
  };
  fc.features.forEach((f, i) => {
    if (f.geometry) add(f, f.geometry, `features[${i}].geometry`);
  });
  if (!out.length) throw bad('file', `no feature with a geometry (${fc.features.length} features read)`);
  return { features: out, geometryTypes: [...types].sort(), bbox: box };
}

function positions(v: unknown, depth: number, path: string, box: number[]): void {
  if (!Array.isArray(v)) throw bad(path, 'coordinates must be an array');
  if (depth > 0) {
    if (!v.length) throw bad(path, 'empty coordinates');
    v.forEach((c, i) => positions(c, depth - 1, `${path}[${i}]`, box));
    return;
  }
  const [lon, lat] = v as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) throw bad(path, 'a position must be two numbers [longitude, latitude]');
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) throw bad(path, `[${lon}, ${lat}] is not a longitude/latitude (a projected file without its .prj?)`);
  box[0] = Math.min(box[0]!, lon);
  box[1] = Math.min(box[1]!, lat);
  box[2] = Math.max(box[2]!, lon);
  box[3] = Math.max(box[3]!, lat);
}
