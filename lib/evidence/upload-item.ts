import path from 'node:path';
import type pg from 'pg';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/platform/errors/app-error';
import { findCase } from './case-rows';
import { checkMime, type EvidenceConfig } from './config';
import { userActor } from './custody';
import { boundaryOf, readMultipart } from './multipart';
import { assertCan } from '@/lib/policy/assert-can';
import type { EvidenceStorage, StoredObject } from './storage';
import { recordStoredItem } from './store-item';
import type { ItemDto } from './types';

// Room for the multipart envelope and a title field around the file itself.
const ENVELOPE = 64 * 1024;

/**
 * POST /api/cases/[id]/items (multipart/form-data: `file`, optional `title`). The type is checked before a byte
 * is stored, the size while streaming; a refused upload leaves no row and no file.
 */
export async function uploadItem(
  pool: pg.Pool,
  storage: EvidenceStorage,
  cfg: EvidenceConfig,
  user: SessionUser,
  caseId: string,
  req: Request,
  ip: string | null,
): Promise<ItemDto> {
  const me = assertCan(user, 'case.write');
  const c = await findCase(pool, caseId, me.agencyId);
  const boundary = boundaryOf(req.headers.get('content-type'));
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > cfg.EVIDENCE_MAX_BYTES + ENVELOPE) {
    throw new AppError('PAYLOAD_TOO_LARGE', `File exceeds the limit of ${cfg.EVIDENCE_MAX_BYTES} bytes`, [{ path: 'file', message: 'too large' }]);
  }
  if (!req.body) throw new AppError('BAD_REQUEST', 'Empty body: send the file as multipart field "file"');
  const fields = new Map<string, string>();
  let stored: (StoredObject & { mime: string; filename: string }) | null = null;
  try {
    await readMultipart(req.body, boundary, {
      field: (name, value) => void fields.set(name, value),
      async file(info, body) {
        if (info.name !== 'file' || stored) throw new AppError('BAD_REQUEST', 'Send exactly one file, in the field "file"');
        const mime = checkMime(info.contentType);
        const obj = await storage.put(body, { maxBytes: cfg.EVIDENCE_MAX_BYTES });
        stored = { ...obj, mime, filename: path.basename(info.filename || 'upload').slice(0, 200) };
      },
    });
  } catch (err) {
    if (stored) await storage.delete((stored as StoredObject).key).catch(() => {});
    throw err;
  }
  const s = stored as (StoredObject & { mime: string; filename: string }) | null;
  if (!s) throw new AppError('BAD_REQUEST', 'No file: send it as multipart field "file"', [{ path: 'file', message: 'required' }]);
  const title = (fields.get('title')?.trim() || s.filename).slice(0, 200);
  return recordStoredItem(pool, storage, c.id, userActor(me, ip), {
    kind: 'upload',
    title,
    mime: s.mime,
    sourceRef: `upload:${s.filename}`,
    addedBy: me.id,
  }, s);
}
