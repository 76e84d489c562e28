import { z } from 'zod';

export const GIS_FORMATS = ['geojson', 'kml', 'shapefile'] as const;

/** A layer's name as the console's layer list shows it. */
export const ZGisLayerName = z.string().trim().min(1).max(100);

/** One imported GIS layer without its features (the list); the features come from `/api/gis/layers/{id}`. */
export const ZGisLayerDto = z.object({
  id: z.string(),
  name: z.string(),
  sourceFormat: z.enum(GIS_FORMATS),
  fileName: z.string(),
  featureCount: z.number().int(),
  geometryTypes: z.array(z.string()),
  /** West, south, east, north. */
  bbox: z.array(z.number()),
  createdAt: z.string(),
});
export type GisLayerDto = z.infer<typeof ZGisLayerDto>;

/** A GeoJSON FeatureCollection as served to the map (already checked on import). */
export const ZFeatureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

/** The area of a CAP alert received recently, for the map (the event's own geometry, a polygon or circles). */
export const ZAlertAreaDto = z.object({
  seq: z.string(),
  title: z.string(),
  typeCode: z.string(),
  occurredAt: z.string(),
  /** GeoJSON Polygon or MultiPolygon. */
  geometry: z.unknown(),
});
export type AlertAreaDto = z.infer<typeof ZAlertAreaDto>;
