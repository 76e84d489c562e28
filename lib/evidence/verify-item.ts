import type { Readable } from 'node:stream';
import type pg from 'pg';
import { AppError } from '@/lib/platform/errors/app-error';
import type { ItemRow } from './case-rows';
import { recordCustody, type CustodyActor } from './custody';
import { hashStored, type EvidenceStorage } from './storage';

/**
 * Re-hash a stored item before handing it out. A mismatch is recorded in the chain of custody and refused (409):
 * altered evidence is never served as if it were the original.
 */
export async function openVerified(
  pool: pg.Pool,
  storage: EvidenceStorage,
  item: ItemRow,
  who: CustodyActor,
  context: Record<string, unknown>,
): Promise<Readable> {
  const actual = await hashStored(storage, item.storage_key);
  if (!actual || actual.sha256 !== item.sha256 || actual.size !== Number(item.size)) {
    await recordCustody(pool, who, {
      caseId: item.case_id,
      itemId: item.id,
      action: 'integrity_failed',
      details: { ...context, expected: item.sha256, actual: actual?.sha256 ?? 'missing', size: actual?.size ?? null },
    });
    throw new AppError('CONFLICT', `Integrity check failed for item "${item.title}" (${item.id}): the stored file no longer matches its SHA-256`);
  }
  return storage.get(item.storage_key);
}
