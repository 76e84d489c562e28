import { z } from 'zod';
import { ZEventKind } from './event';

/** POST /api/admin/sources: a new data source of the admin's agency. Its kind is one of the event kinds it sends. */
export const ZSourceCreate = z.strictObject({
  name: z.string().trim().min(1, 'Name is required').max(200),
  kind: ZEventKind,
});
export type SourceCreate = z.infer<typeof ZSourceCreate>;

/** PATCH /api/admin/sources/[id]: rename, or enable/disable (a disabled source's key is refused with 401). */
export const ZSourcePatch = z
  .strictObject({
    name: z.string().trim().min(1, 'Name is required').max(200).optional(),
    enabled: z.boolean().optional(),
    /** IANA zone of the source's local times; null = the agency's. */
    timeZone: z.string().trim().min(1).max(64).nullable().optional(),
  })
  .refine((p) => p.name !== undefined || p.enabled !== undefined || p.timeZone !== undefined, 'give name, enabled or timeZone');
export type SourcePatch = z.infer<typeof ZSourcePatch>;

/** A source as the admin page sees it: never the key or its hash, only the hint. */
export interface SourceAdminDto {
  id: string;
  name: string;
  kind: string;
  agencyName: string;
  keyHint: string;
  enabled: boolean;
  /** The source's own time zone; null = the agency's. */
  timeZone: string | null;
  /** The credit the map shows for its data (plain text; blank: none). */
  attribution: string;
  /** A record mapping is saved (imports, replay). */
  mapped: boolean;
  /** An HMAC secret is set: requests must be signed. */
  signed: boolean;
  createdAt: string;
  /** Newest event received in the last 7 days (older ones are not looked for: see lib/ingest/list-sources.ts). */
  lastEventAt: string | null;
  /** Events received since midnight UTC. */
  eventsToday: number;
}

/** The plain key, returned once by create and rotate; only its sha256 is stored. */
export interface SourceKeyResult {
  source: SourceAdminDto;
  apiKey: string;
}
