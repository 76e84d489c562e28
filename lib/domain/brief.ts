import { z } from 'zod';

/** A brief lives at most this long; the default covers a response. */
export const BRIEF_MAX_MINUTES = 12 * 60;
export const BRIEF_DEFAULT_MINUTES = 120;

export const ZCreateBriefBody = z.strictObject({
  /** The responding unit the brief is for (bound into the link and every audit row). */
  callSign: z.string().trim().min(1).max(50),
  ttlMinutes: z.number().int().min(5).max(BRIEF_MAX_MINUTES).default(BRIEF_DEFAULT_MINUTES),
});

/** A brief as the console lists it (never the token: it is shown once, when created). */
export const ZBriefSummary = z.object({
  id: z.string(),
  incidentId: z.string(),
  callSign: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  lastOpenedAt: z.string().nullable(),
  active: z.boolean(),
});
export type BriefSummary = z.infer<typeof ZBriefSummary>;

export const ZCreatedBrief = z.object({ brief: ZBriefSummary, url: z.string() });

/** What the responder's phone shows; pushed again (`briefUpdate`) whenever the incident or the unit moves. */
export const ZBriefView = z.object({
  brief: z.object({ id: z.string(), callSign: z.string(), expiresAt: z.string() }),
  incident: z.object({
    number: z.string(),
    title: z.string(),
    typeCode: z.string(),
    status: z.string(),
    priority: z.number().int(),
    address: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    reasons: z.array(z.string()),
    openedAt: z.string(),
    updatedAt: z.string(),
  }),
  unit: z.object({ callSign: z.string(), status: z.string(), updatedAt: z.string(), distanceM: z.number().nullable(), bearing: z.string().nullable() }).nullable(),
  /** `geo:` URI: the phone's own navigation app routes there. */
  navigateUrl: z.string().nullable(),
  cameras: z.array(z.object({ id: z.string(), name: z.string(), distanceM: z.number() })),
  latest: z.array(z.object({ at: z.string(), kind: z.string(), title: z.string() })),
  priorCalls: z.array(z.object({ number: z.string(), title: z.string(), openedAt: z.string(), address: z.string().nullable() })),
  hazards: z.array(z.object({ hazard: z.string(), address: z.string().nullable(), createdAt: z.string() })),
  hotlist: z.array(z.object({ plate: z.string(), state: z.string(), reason: z.string(), priority: z.number().int() })),
  mapSvg: z.string(),
  version: z.string(),
});
export type BriefView = z.infer<typeof ZBriefView>;

/** The responder's socket namespace (`/brief`), authenticated by the link's token alone. */
export interface BriefServerToClient {
  briefUpdate: (view: BriefView) => void;
  briefEnded: (info: { reason: string }) => void;
}
export type BriefClientToServer = Record<string, never>;

export const ZHazardBody = z.strictObject({
  hazard: z.string().trim().min(3).max(300),
  address: z.string().trim().min(1).max(300).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
}).refine((h) => h.address || (h.lat !== undefined && h.lon !== undefined), { message: 'give an address or lat and lon', path: ['address'] })
  .refine((h) => (h.lat === undefined) === (h.lon === undefined), { message: 'lat and lon go together', path: ['lon'] });
