import type pg from 'pg';
import { AppError } from '@/lib/platform/errors/app-error';
import type { CaseDto, CustodyDto, ItemDto, ItemKind, ShareDto } from './types';

/** SQL reads of the evidence domain, mapped to DTOs. */

type Q = pg.Pool | pg.PoolClient;

interface CaseRow {
  id: string;
  agency_id: string;
  number: string;
  title: string;
  status: string;
  source_ref: string | null;
  created_by: string;
  created_at: Date;
}

export interface ItemRow {
  id: string;
  case_id: string;
  kind: ItemKind;
  title: string;
  mime: string;
  size: string;
  sha256: string;
  storage_key: string;
  source_ref: string | null;
  added_by: string | null;
  added_at: Date;
}

export interface CustodyRow {
  id: string;
  case_id: string;
  item_id: string | null;
  actor: string;
  actor_name: string;
  action: string;
  at: Date;
  ip: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

export const toCaseDto = (r: CaseRow): CaseDto => ({
  id: r.id,
  number: r.number,
  title: r.title,
  status: r.status,
  sourceRef: r.source_ref,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

export const toItemDto = (r: ItemRow): ItemDto => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  mime: r.mime,
  size: Number(r.size),
  sha256: r.sha256,
  sourceRef: r.source_ref,
  addedBy: r.added_by,
  addedAt: r.added_at.toISOString(),
});

export const toCustodyDto = (r: CustodyRow): CustodyDto => ({
  id: r.id,
  itemId: r.item_id,
  actor: r.actor,
  actorName: r.actor_name,
  action: r.action,
  at: r.at.toISOString(),
  ip: r.ip,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The case, if it belongs to `agencyId` (another agency's case is reported as absent, not forbidden). */
export async function findCase(db: Q, caseId: string, agencyId: string | null): Promise<CaseRow & { agency_id: string }> {
  if (!UUID_RE.test(caseId)) throw new AppError('NOT_FOUND', 'No such case');
  const { rows } = await db.query<CaseRow>('SELECT * FROM evidence_case WHERE id = $1 AND ($2::uuid IS NULL OR agency_id = $2)', [caseId, agencyId]);
  if (!rows[0]) throw new AppError('NOT_FOUND', 'No such case');
  return rows[0];
}

/** By id or by number (the CLI takes either). */
export async function findCaseByRef(db: Q, ref: string): Promise<CaseRow> {
  const { rows } = await db.query<CaseRow>(
    `SELECT * FROM evidence_case WHERE ($1::text ~* '^[0-9a-f-]{36}$' AND id::text = lower($1)) OR number = $1 LIMIT 2`,
    [ref],
  );
  if (rows.length !== 1) throw new AppError('NOT_FOUND', rows.length ? `Case number ${ref} is ambiguous: use the id` : `No case ${ref}`);
  return rows[0]!;
}

export async function listItems(db: Q, caseId: string): Promise<ItemRow[]> {
  return (await db.query<ItemRow>('SELECT * FROM evidence_item WHERE case_id = $1 ORDER BY added_at, id', [caseId])).rows;
}

export async function findItem(db: Q, caseId: string, itemId: string): Promise<ItemRow> {
  if (!UUID_RE.test(itemId)) throw new AppError('NOT_FOUND', 'No such item');
  const { rows } = await db.query<ItemRow>('SELECT * FROM evidence_item WHERE case_id = $1 AND id = $2', [caseId, itemId]);
  if (!rows[0]) throw new AppError('NOT_FOUND', 'No such item');
  return rows[0];
}

export async function listCustody(db: Q, caseId: string): Promise<CustodyRow[]> {
  // bigint id arrives as a decimal string (pg's default for int8).
  return (await db.query<CustodyRow>('SELECT * FROM custody_log WHERE case_id = $1 ORDER BY id', [caseId])).rows;
}

export async function listShares(db: Q, caseId: string): Promise<ShareDto[]> {
  const { rows } = await db.query<{
    id: string;
    recipient_name: string;
    recipient_email: string | null;
    passcode_hash: string | null;
    expires_at: Date;
    revoked_at: Date | null;
    created_at: Date;
  }>('SELECT * FROM share_link WHERE case_id = $1 ORDER BY created_at', [caseId]);
  return rows.map((r) => ({
    id: r.id,
    recipientName: r.recipient_name,
    recipientEmail: r.recipient_email,
    hasPasscode: r.passcode_hash !== null,
    expiresAt: r.expires_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}
