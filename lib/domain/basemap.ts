import { z } from 'zod';
import { ZLatitude, ZLongitude } from './event';

/**
 * An offline street map: a Protomaps (v4 schema) .pmtiles archive served from the console's own origin with HTTP
 * Range, the area it covers, and the credit its licence asks for. The browser draws it with the `pmtiles` protocol.
 */
export const ZBasemap = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  /** Same-origin path of the archive (a public file or an API route that answers Range requests). */
  url: z.string().regex(/^\/[A-Za-z0-9/._-]+$/, 'a same-origin path'),
  /** West, south, east, north. */
  bounds: z.tuple([ZLongitude, ZLatitude, ZLongitude, ZLatitude]),
  maxzoom: z.number().int().min(0).max(16),
  attribution: z.string().min(1).max(500),
});
export type Basemap = z.infer<typeof ZBasemap>;

/** Whether a point lies inside a basemap's box. */
export function basemapCovers(b: Pick<Basemap, 'bounds'>, lon: number, lat: number): boolean {
  const [w, s, e, n] = b.bounds;
  return lon >= w && lon <= e && lat >= s && lat <= n;
}
