import { z } from 'zod';
import { ZLatitude, ZLongitude } from './event';

export const GEOFENCE_KINDS = ['school', 'hospital', 'critical', 'jurisdiction'] as const;
export const ZGeofenceKind = z.enum(GEOFENCE_KINDS);
export type GeofenceKind = z.infer<typeof ZGeofenceKind>;

const ZPosition = z.tuple([ZLongitude, ZLatitude]);
/** A closed ring: first position repeated last, at least a triangle. */
const ZRing = z
  .array(ZPosition)
  .min(4)
  .max(10_000)
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], 'ring must be closed');

/** GeoJSON Polygon (outer ring, then holes), lon/lat order as GeoJSON says. */
export const ZPolygon = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(ZRing).min(1).max(100),
});
export type Polygon = z.infer<typeof ZPolygon>;

export const ZGeofenceInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: ZGeofenceKind,
  polygon: ZPolygon,
});
export type GeofenceInput = z.infer<typeof ZGeofenceInput>;

export const ZGeofenceDto = ZGeofenceInput.extend({ id: z.string(), createdAt: z.string() });
export type GeofenceDto = z.infer<typeof ZGeofenceDto>;

/** PATCH: any of name, kind, shape. */
export const ZGeofencePatch = ZGeofenceInput.partial().refine((p) => Object.keys(p).length > 0, 'give name, kind or polygon');
export type GeofencePatch = z.infer<typeof ZGeofencePatch>;
