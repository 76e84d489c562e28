import { z } from 'zod';
import { inPolygonRings } from '@/lib/platform/geo/point-in-polygon';

/**
 * A source's jurisdiction as GeoJSON (RFC 7946: [lon, lat], WGS 84): a Polygon or MultiPolygon, bare or in a
 * Feature. Rings must be closed and have at least 4 positions; holes are honoured.
 */
const ZPosition = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const ZRing = z
  .array(ZPosition)
  .min(4)
  .max(100_000)
  .refine((r) => r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1], 'ring must be closed (first = last position)');
const ZPolygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ZRing).min(1).max(1000) });
const ZMultiPolygon = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ZRing).min(1).max(1000)).min(1).max(1000),
});
export const ZJurisdictionGeometry = z.discriminatedUnion('type', [ZPolygon, ZMultiPolygon]);
export type JurisdictionGeometry = z.infer<typeof ZJurisdictionGeometry>;

/** What an admin may upload: a geometry, or a Feature wrapping one (what most GIS tools export). */
export const ZJurisdictionUpload = z.union([
  ZJurisdictionGeometry,
  z.looseObject({ type: z.literal('Feature'), geometry: ZJurisdictionGeometry }).transform((f) => f.geometry),
]);

/** Even-odd ray cast; a point exactly on an edge may fall either way, which is fine at jurisdiction scale. */
export function contains(geometry: JurisdictionGeometry, lat: number, lon: number): boolean {
  if (geometry.type === 'Polygon') return inPolygonRings(lon, lat, geometry.coordinates);
  return geometry.coordinates.some((p) => inPolygonRings(lon, lat, p));
}
