import crypto from 'node:crypto';
import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { ZSourceCreate, type SourceKeyResult } from '@/lib/domain/source';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { newApiKey } from '../ingest/api-keys';
import { listSources } from './list-sources';

/** A new source of the admin's agency with a fresh API key; the plain key is in this result and nowhere else. */
export async function createSource(pool: pg.Pool, admin: SessionUser, body: unknown, ip: string | null): Promise<SourceKeyResult> {
  const parsed = ZSourceCreate.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'source');
  const { name, kind } = parsed.data;
  const { key, hash, hint } = newApiKey();
  const id = await withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (agency_id, name) DO NOTHING RETURNING id`,
      [crypto.randomUUID(), admin.agencyId, kind, name, hash, hint],
    );
    const id = rows[0]?.id;
    if (!id) throw new AppError('CONFLICT', `A source named "${name}" already exists`, [{ path: 'name', message: 'already in use' }]);
    await auditAdminChange(client, { user: admin, ip, action: 'admin.source.create', targetType: 'source', targetId: id, details: { name, kind, keyHint: hint } });
    return id;
  });
  // Read after COMMIT: the activity scan (lib/ingest/list-sources.ts) should not hold the transaction open.
  const [source] = await listSources(pool, admin.agencyId, id);
  return { source: source!, apiKey: key };
}
