import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { toItemDto, type ItemRow } from './case-rows';
import { appendCustody, withTx, type CustodyActor } from './custody';
import type { EvidenceStorage, StoredObject } from './storage';
import type { ItemDto, ItemKind } from './types';

export interface NewItem {
  kind: ItemKind;
  title: string;
  mime: string;
  sourceRef: string | null;
  addedBy: string | null;
  /** Extra custody details (e.g. the footage request it answers). */
  details?: Record<string, unknown>;
}

/**
 * The one way bytes become evidence: stream into storage (hashing on arrival), then in one transaction the item
 * row and its 'added' custody row. If anything fails after the file landed, the file is deleted: nothing is left
 * behind that the database does not know about.
 */
export async function storeItem(
  pool: pg.Pool,
  storage: EvidenceStorage,
  caseId: string,
  who: CustodyActor,
  item: NewItem,
  source: Readable | AsyncIterable<Uint8Array>,
  maxBytes?: number,
  onStored?: (client: pg.PoolClient, itemId: string) => Promise<void>,
): Promise<ItemDto> {
  const stored = await storage.put(source, { maxBytes });
  return recordStoredItem(pool, storage, caseId, who, item, stored, onStored);
}

/** The database half of storeItem, for bytes already in storage (multipart uploads); deletes them on failure. */
export async function recordStoredItem(
  pool: pg.Pool,
  storage: EvidenceStorage,
  caseId: string,
  who: CustodyActor,
  item: NewItem,
  stored: StoredObject,
  onStored?: (client: pg.PoolClient, itemId: string) => Promise<void>,
): Promise<ItemDto> {
  try {
    return await withTx(pool, async (client) => {
      const id = crypto.randomUUID();
      const { rows } = await client.query<ItemRow>(
        `INSERT INTO evidence_item (id, case_id, kind, title, mime, size, sha256, storage_key, source_ref, added_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [id, caseId, item.kind, item.title.slice(0, 300), item.mime, stored.size, stored.sha256, stored.key, item.sourceRef, item.addedBy],
      );
      await appendCustody(client, who, {
        caseId,
        itemId: id,
        action: 'added',
        details: { kind: item.kind, title: item.title, mime: item.mime, size: stored.size, sha256: stored.sha256, sourceRef: item.sourceRef, ...item.details },
      });
      if (onStored) await onStored(client, id);
      return toItemDto(rows[0]!);
    });
  } catch (err) {
    await storage.delete(stored.key).catch(() => {});
    throw err;
  }
}
