import { z } from 'zod';
import type { CustodyFields } from './custody-hash';

/** Client-safe DTOs and inputs of the evidence domain. */
export const ITEM_KINDS = ['event', 'clip', 'upload', 'note'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ZCreateCase = z
  .strictObject({
    title: z.string().trim().min(3).max(200).optional(),
    /** Open from an incident: its linked events become the first items. */
    incidentId: z.uuid().optional(),
    /** Open from a search: the selected events (seq) become the first items. */
    eventSeqs: z.array(z.string().regex(/^\d{1,19}$/)).max(500).optional(),
    /** The search the events came from, kept as the case's origin. */
    searchRef: z.string().max(2000).optional(),
    /** Why these events are picked (`offense:<code>` or `case:<existing number>`): required with eventSeqs. */
    purpose: z.string().max(200).optional(),
  })
  .refine((c) => c.title || c.incidentId, { message: 'title is required unless the case is opened from an incident', path: ['title'] });
export type CreateCaseInput = z.infer<typeof ZCreateCase>;

export const ZLinkEvents = z.strictObject({ eventSeqs: z.array(z.string().regex(/^\d{1,19}$/)).min(1).max(500) });
export const ZAddNote = z.strictObject({ title: z.string().trim().min(1).max(200), text: z.string().min(1).max(100_000) });

export interface ItemDto {
  id: string;
  kind: ItemKind;
  title: string;
  mime: string;
  size: number;
  sha256: string;
  sourceRef: string | null;
  addedBy: string | null;
  addedAt: string;
}

/** A custody row as the API shows it: the fields its hash covers (but the case, known from the URL) and the chain. */
export interface CustodyDto extends Omit<CustodyFields, 'caseId'> {
  id: string;
  prevHash: string;
  hash: string;
}

export interface ShareDto {
  id: string;
  recipientName: string;
  recipientEmail: string | null;
  hasPasscode: boolean;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
}

export interface CaseDto {
  id: string;
  number: string;
  title: string;
  status: string;
  sourceRef: string | null;
  createdBy: string;
  createdAt: string;
}

export interface CaseDetailDto extends CaseDto {
  items: ItemDto[];
  custody: CustodyDto[];
  shares: ShareDto[];
}
