import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import shp from 'shpjs';
import { decodeXml, XmlRefused } from '@/lib/ingest/adapters/xml-safe';

/**
 * One reader for the boundary and layer files agencies have: GeoJSON (a FeatureCollection, a Feature or a bare
 * geometry), KML (Placemarks, MultiGeometry; @tmcw/togeojson on @xmldom/xmldom, with DTDs refused first), and a
 * zipped ESRI shapefile (shpjs: .shp + .dbf, reprojected to WGS 84 from its .prj). Everything comes out as a GeoJSON
 * FeatureCollection in lon/lat; callers pick the geometry kinds they want (jurisdictions, districts, GIS layers).
 */
export interface GisFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}
export interface GisCollection {
  type: 'FeatureCollection';
  features: GisFeature[];
}

import { GisFileError } from './parse-gis-file-error';
import { zipEntryNames } from './zip-entries';

export { GisFileError };

/** Content types a GIS upload may declare (the content decides the format; see detectGisFormat). */
export const GIS_CONTENT_TYPES = ['application/geo+json', 'application/json', 'application/vnd.google-earth.kml+xml', 'application/xml', 'text/xml', 'application/zip', 'application/octet-stream'] as const;

export type GisFormat = 'geojson' | 'kml' | 'shapefile';

/** By content first (a renamed file still works), the name when the content says nothing. */
export function detectGisFormat(bytes: Uint8Array, fileName = ''): GisFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'shapefile'; // "PK": a zip
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('<')) return 'kml';
  if (head.startsWith('{')) return 'geojson';
  if (/\.km[lz]$/i.test(fileName)) return 'kml';
  if (/\.zip$/i.test(fileName)) return 'shapefile';
  throw new GisFileError('Not a GeoJSON, KML or zipped shapefile');
}

export async function parseGisFile(bytes: Uint8Array, fileName = ''): Promise<GisCollection> {
  const format = detectGisFormat(bytes, fileName);
  if (format === 'geojson') return geojson(new TextDecoder().decode(bytes));
  if (format === 'kml') return fromKml(bytes);
  return fromShapefile(bytes);
}

function geojson(text: string): GisCollection {
  let v: unknown;
  try {
    v = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new GisFileError(`Not valid JSON: ${(err as Error).message}`);
  }
  const o = v as { type?: unknown; features?: unknown; geometry?: unknown; properties?: unknown; coordinates?: unknown };
  if (o?.type === 'FeatureCollection' && Array.isArray(o.features)) return { type: 'FeatureCollection', features: o.features.map(feature) };
  if (o?.type === 'Feature') return { type: 'FeatureCollection', features: [feature(o)] };
  if (typeof o?.type === 'string' && 'coordinates' in o) return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: o as GisFeature['geometry'] }] };
  throw new GisFileError('GeoJSON must be a FeatureCollection, a Feature or a geometry');
}

function feature(f: unknown): GisFeature {
  const o = (f ?? {}) as { properties?: unknown; geometry?: unknown };
  const geometry = o.geometry && typeof o.geometry === 'object' ? (o.geometry as GisFeature['geometry']) : null;
  return { type: 'Feature', properties: o.properties && typeof o.properties === 'object' ? (o.properties as Record<string, unknown>) : {}, geometry };
}

function fromKml(bytes: Uint8Array): GisCollection {
  let text: string;
  try {
    text = decodeXml(bytes);
  } catch (err) {
    throw new GisFileError(err instanceof XmlRefused ? err.message : 'KML could not be read');
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new GisFileError('KML with a DOCTYPE or entities is refused');
  const errors: string[] = [];
  let doc;
  try {
    doc = new DOMParser({ onError: (level: string, msg: string) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(text, 'text/xml');
  } catch (err) {
    // xmldom throws its ParseError on fatal errors (a tag left open) rather than only reporting them.
    throw new GisFileError(`KML is not well-formed XML: ${(err as Error).message}`);
  }
  if (errors.length) throw new GisFileError(`KML is not well-formed XML: ${errors[0]}`);
  const fc = kml(doc as unknown as Document) as unknown as GisCollection;
  return { type: 'FeatureCollection', features: fc.features.map(feature) };
}

async function fromShapefile(bytes: Uint8Array): Promise<GisCollection> {
  if (!zipEntryNames(bytes).some((n) => /\.shp$/i.test(n))) throw new GisFileError('The zip holds no .shp file (a zipped shapefile needs at least .shp and .dbf)');
  let out: unknown;
  try {
    out = await shp(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (err) {
    throw new GisFileError(`The zipped shapefile could not be read: ${(err as Error).message}`);
  }
  // A zip with several layers gives one collection per layer: their features together.
  const layers = (Array.isArray(out) ? out : [out]) as GisCollection[];
  return { type: 'FeatureCollection', features: layers.flatMap((l) => (l.features ?? []).map(feature)) };
}

type Ring = [number, number][];

/** The polygons of a collection as one MultiPolygon (holes kept), or null when it has none. */
export function polygonsOf(features: readonly GisFeature[]): { type: 'MultiPolygon'; coordinates: Ring[][] } | null {
  const polys: Ring[][] = [];
  const add = (g: GisFeature['geometry']) => {
    if (!g) return;
    if (g.type === 'Polygon') polys.push(cleanPolygon(g.coordinates as number[][][]));
    else if (g.type === 'MultiPolygon') for (const p of g.coordinates as number[][][][]) polys.push(cleanPolygon(p));
    else if (g.type === 'GeometryCollection') for (const sub of (g as unknown as { geometries: GisFeature['geometry'][] }).geometries ?? []) add(sub);
  };
  for (const f of features) add(f.geometry);
  return polys.length ? { type: 'MultiPolygon', coordinates: polys } : null;
}

/** 2D positions, each ring closed (some exporters leave the last position out). */
function cleanPolygon(rings: number[][][]): Ring[] {
  return rings.map((ring) => {
    const r = ring.map((p) => [Number(p[0]), Number(p[1])] as [number, number]);
    const [a, z] = [r[0], r.at(-1)];
    if (a && z && (a[0] !== z[0] || a[1] !== z[1])) r.push([a[0], a[1]]);
    return r;
  });
}
