import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import type { SourceKeyResult } from '@/lib/domain/source';
import { AppError } from '@/lib/platform/errors/app-error';
import { newApiKey } from '../ingest/api-keys';
import { clearSourceCache } from '../ingest/authenticate-source';
import { listSources } from './list-sources';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * POST /api/admin/sources/[id]/rotate-key: a new key, shown once; the old one stops working at once (no overlap:
 * a leaked key must die now, and the source's operator installs the new one from the same screen).
 */
export async function rotateSourceKey(pool: pg.Pool, admin: SessionUser, sourceId: string, ip: string | null): Promise<SourceKeyResult> {
  if (!UUID.test(sourceId)) throw new AppError('NOT_FOUND', 'No such source in your agency');
  const { key, hash, hint } = newApiKey();
  await withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ old_hint: string }>(
      `UPDATE source s SET api_key_hash = $3, api_key_hint = $4
         FROM source old WHERE old.id = s.id AND s.id = $1 AND s.agency_id = $2
       RETURNING old.api_key_hint AS old_hint`,
      [sourceId, admin.agencyId, hash, hint],
    );
    if (!rows[0]) throw new AppError('NOT_FOUND', 'No such source in your agency');
    await auditAdminChange(client, {
      user: admin,
      ip,
      action: 'admin.source.rotate_key',
      targetType: 'source',
      targetId: sourceId,
      details: { oldKeyHint: rows[0].old_hint, newKeyHint: hint },
    });
  });
  // After COMMIT: a lookup racing the commit could otherwise re-cache the old key as valid.
  clearSourceCache();
  const [source] = await listSources(pool, admin.agencyId, sourceId);
  return { source: source!, apiKey: key };
}
