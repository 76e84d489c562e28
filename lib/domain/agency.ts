import { z } from 'zod';
import { ZLatitude, ZLongitude } from './event';

/** Where the map opens: a centre and a zoom (MapLibre's 0–22). */
export const ZHomeView = z.strictObject({ lat: ZLatitude, lon: ZLongitude, zoom: z.number().min(1).max(20) });
export type HomeView = z.infer<typeof ZHomeView>;

/** When an agency has no home view: the whole world, zoomed out. */
export const WORLD_VIEW: HomeView = { lat: 20, lon: 0, zoom: 1.5 };

const ZTimeZone = z.string().trim().min(1).max(64);

export const ZAgencySlug = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single dashes');

/** POST /api/platform/agencies: a new agency and its first administrator (temporary password shown once). */
export const ZAgencyCreate = z.strictObject({
  name: z.string().trim().min(2).max(200),
  slug: ZAgencySlug,
  timeZone: ZTimeZone,
  home: ZHomeView.nullable().default(null),
  admin: z
    .strictObject({
      username: z.string().trim().min(3).max(100).regex(/^[A-Za-z0-9._@-]+$/, 'Letters, digits and . _ @ - only'),
      displayName: z.string().trim().min(1).max(200),
    })
    .nullable()
    .default(null),
});
export type AgencyCreate = z.infer<typeof ZAgencyCreate>;

/** PATCH: a platform administrator renames any agency; an agency admin edits their own (not its slug). */
export const ZAgencyPatch = z
  .strictObject({
    name: z.string().trim().min(2).max(200).optional(),
    timeZone: ZTimeZone.optional(),
    home: ZHomeView.nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'give name, timeZone or home');
export type AgencyPatch = z.infer<typeof ZAgencyPatch>;

export interface AgencyDto {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  home: HomeView | null;
  hasJurisdiction: boolean;
  /** The credit the map shows for the agency's own data (plain text; blank: none). */
  attribution: string;
  districts: number;
  users: number;
  sources: number;
  createdAt: string;
}

export const DISTRICT_KINDS = ['district', 'beat'] as const;
export type DistrictKind = (typeof DISTRICT_KINDS)[number];

export interface DistrictDto {
  id: string;
  kind: DistrictKind;
  code: string;
  name: string;
}
