import { Readable } from 'node:stream';
import type pg from 'pg';
import type { SessionUser } from '@/lib/auth/session-user';
import { findCase, findItem } from './case-rows';
import { recordCustody, userActor } from './custody';
import { assertCan } from '@/lib/policy/assert-can';
import { auditEvidence } from '@/lib/audit/record';
import type { EvidenceStorage } from './storage';
import { openVerified } from './verify-item';

export interface Download {
  body: ReadableStream<Uint8Array>;
  headers: Record<string, string>;
}

export function downloadHeaders(item: { title: string; mime: string; size: string; sha256: string }, ext = ''): Record<string, string> {
  const name = `${item.title.replace(/[^\w.\- ]+/g, '_').slice(0, 100)}${ext}`;
  return {
    'content-type': item.mime,
    'content-length': String(item.size),
    'content-disposition': `attachment; filename="${name}"`,
    // RFC 3230 digest, so a client can check what it received.
    digest: `sha-256=${Buffer.from(item.sha256, 'hex').toString('base64')}`,
    'x-evidence-sha256': item.sha256,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

/** GET /api/cases/[id]/items/[itemId]/download: verified against its SHA-256 first, logged in custody. */
export async function downloadItem(pool: pg.Pool, storage: EvidenceStorage, user: SessionUser, caseId: string, itemId: string, ip: string | null): Promise<Download> {
  const me = assertCan(user, 'case.read');
  const c = await findCase(pool, caseId, me.agencyId);
  const item = await findItem(pool, c.id, itemId);
  const who = userActor(me, ip);
  const stream = await openVerified(pool, storage, item, who, { via: 'download' });
  await recordCustody(pool, who, { caseId: c.id, itemId: item.id, action: 'downloaded', details: { sha256: item.sha256 } });
  await auditEvidence(pool, { user: me, ip, action: 'evidence.download', targetType: 'evidence_item', targetId: item.id, details: { caseId: c.id, sha256: item.sha256 } });
  return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, headers: downloadHeaders(item) };
}
