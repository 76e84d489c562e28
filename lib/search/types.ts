import { z } from 'zod';
import { ZEventDto, ZEventKind } from '@/lib/domain/event';
import { ZIncidentDto } from '@/lib/domain/incident';

/** Client-safe search contract: the browser's form, the route and the service share these. */
export const MAX_SEARCH_DAYS = 31;
export const MAX_PAGE = 500;

/** `[west, south, east, north]` in degrees. */
export const ZBbox = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .refine(([w, s, e, n]) => w < e && s < n, 'bbox must be [west, south, east, north] with west < east and south < north');

/** A GeoJSON Polygon's outer ring (holes are ignored: a drawn area has none). */
export const ZPolygon = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z
    .array(z.array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])).min(4).max(1000))
    .min(1)
    .max(1),
});
export type GeoPolygon = z.infer<typeof ZPolygon>;

export const ZSearchQuery = z
  .strictObject({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    bbox: ZBbox.optional(),
    polygon: ZPolygon.optional(),
    kinds: z.array(ZEventKind).max(20).optional(),
    /** Free text: address, title, plate or phone. */
    q: z.string().trim().min(2).max(100).optional(),
    address: z.string().trim().min(2).max(200).optional(),
    plate: z.string().trim().min(2).max(20).optional(),
    phone: z.string().trim().min(3).max(30).optional(),
    cursor: z.string().max(200).optional(),
    /** Why the search is run (CJIS): recorded in the audit log with the query. */
    purpose: z.string().trim().max(500).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE).default(100),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_SEARCH_DAYS * 86_400_000, {
    message: `time range must be at most ${MAX_SEARCH_DAYS} days`,
    path: ['to'],
  })
  .refine((q) => !(q.bbox && q.polygon), { message: 'give bbox or polygon, not both', path: ['polygon'] });
export type SearchQuery = z.infer<typeof ZSearchQuery>;

/** A search hit: the event DTO plus the few payload fields investigators search by. */
export const ZSearchEvent = ZEventDto.extend({
  plate: z.string().nullable(),
  callerNumber: z.string().nullable(),
});
export type SearchEvent = z.infer<typeof ZSearchEvent>;

/** Incidents found by a search: the queue's own DTO. */
export const ZSearchIncident = ZIncidentDto;
export type SearchIncident = z.infer<typeof ZSearchIncident>;

export interface SearchResult {
  events: SearchEvent[];
  /** Incidents matching the same area/time/text; first page only (they are few). */
  incidents: SearchIncident[];
  /** Opaque keyset cursor for the next page, null at the end. */
  nextCursor: string | null;
}
