import path from 'node:path';
import type pg from 'pg';
import { AppError } from '@/lib/platform/errors/app-error';
import { checkMime, type EvidenceConfig } from '../config';
import { boundaryOf, readMultipart } from '../multipart';
import type { EvidenceStorage, StoredObject } from '../storage';
import { recordStoredItem } from '../store-item';
import type { ItemDto } from '../types';
import { findRequestByToken, ownerActor } from './footage-requests';

/**
 * The owner's upload through the approved request's link (multipart field `file`): becomes an evidence item of
 * the case, logged as added by the owner, and the request is marked uploaded in the same transaction.
 */
export async function uploadFootage(pool: pg.Pool, storage: EvidenceStorage, cfg: EvidenceConfig, token: string, req: Request, ip: string | null): Promise<ItemDto> {
  const f = await findRequestByToken(pool, token);
  if (f.status !== 'approved') throw new AppError('CONFLICT', f.status === 'uploaded' ? 'Footage was already uploaded for this request' : 'Approve the request before uploading');
  if (!req.body) throw new AppError('BAD_REQUEST', 'Send the file as multipart field "file"');
  let stored: (StoredObject & { mime: string; filename: string }) | null = null;
  try {
    await readMultipart(req.body, boundaryOf(req.headers.get('content-type')), {
      field: () => {},
      async file(info, body) {
        if (info.name !== 'file' || stored) throw new AppError('BAD_REQUEST', 'Send exactly one file, in the field "file"');
        const mime = checkMime(info.contentType);
        stored = { ...(await storage.put(body, { maxBytes: cfg.EVIDENCE_MAX_BYTES })), mime, filename: path.basename(info.filename || 'footage').slice(0, 200) };
      },
    });
  } catch (err) {
    if (stored) await storage.delete((stored as StoredObject).key).catch(() => {});
    throw err;
  }
  const s = stored as (StoredObject & { mime: string; filename: string }) | null;
  if (!s) throw new AppError('BAD_REQUEST', 'No file: send it as multipart field "file"');
  return recordStoredItem(
    pool,
    storage,
    f.case_id,
    ownerActor(f, ip),
    { kind: 'upload', title: `${f.camera_name}: ${s.filename}`, mime: s.mime, sourceRef: `footage-request:${f.id}`, addedBy: null, details: { requestId: f.id, via: 'footage_uploaded' } },
    s,
    async (client, itemId) => {
      const { rowCount } = await client.query(`UPDATE footage_request SET status = 'uploaded', item_id = $1 WHERE id = $2 AND status = 'approved'`, [itemId, f.id]);
      if (!rowCount) throw new AppError('CONFLICT', 'Footage was already uploaded for this request');
    },
  );
}
