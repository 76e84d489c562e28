import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { ZSourcePatch, type SourceAdminDto } from '@/lib/domain/source';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { clearSourceCache } from '../ingest/authenticate-source';
import { listSources } from './list-sources';
import { isTimeZone } from '../ingest/adapters/local-time';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PATCH /api/admin/sources/[id]: rename, disable or re-enable. A disabled source's key gets 401 on every ingest route. */
export async function updateSource(pool: pg.Pool, admin: SessionUser, sourceId: string, body: unknown, ip: string | null): Promise<SourceAdminDto> {
  if (!UUID.test(sourceId)) throw new AppError('NOT_FOUND', 'No such source in your agency');
  const parsed = ZSourcePatch.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'source');
  const patch = parsed.data;
  if (patch.timeZone && !isTimeZone(patch.timeZone)) throw new AppError('BAD_REQUEST', `Invalid source: timeZone: "${patch.timeZone}" is not a known time zone`, [{ path: 'timeZone', message: 'not an IANA time zone (e.g. America/Chicago)' }]);
  await withTransaction(pool, async (client) => {
    const before = await client.query<{ name: string; enabled: boolean; timeZone: string | null }>(
      'SELECT name, enabled, time_zone AS "timeZone" FROM source WHERE id = $1 AND agency_id = $2 FOR UPDATE',
      [sourceId, admin.agencyId],
    );
    const old = before.rows[0];
    if (!old) throw new AppError('NOT_FOUND', 'No such source in your agency');
    if (patch.name !== undefined && patch.name !== old.name) {
      const taken = await client.query('SELECT 1 FROM source WHERE agency_id = $1 AND name = $2 AND id <> $3', [admin.agencyId, patch.name, sourceId]);
      if (taken.rowCount) throw new AppError('CONFLICT', `A source named "${patch.name}" already exists`, [{ path: 'name', message: 'already in use' }]);
    }
    await client.query(
      `UPDATE source SET name = coalesce($2, name), enabled = coalesce($3, enabled), time_zone = CASE WHEN $4 THEN $5 ELSE time_zone END WHERE id = $1`,
      [sourceId, patch.name ?? null, patch.enabled ?? null, patch.timeZone !== undefined, patch.timeZone ?? null],
    );
    const action = patch.enabled === false && old.enabled ? 'admin.source.disable' : patch.enabled === true && !old.enabled ? 'admin.source.enable' : 'admin.source.update';
    await auditAdminChange(client, {
      user: admin,
      ip,
      action,
      targetType: 'source',
      targetId: sourceId,
      details: { before: old, after: { name: patch.name ?? old.name, enabled: patch.enabled ?? old.enabled, timeZone: patch.timeZone === undefined ? old.timeZone : patch.timeZone } },
    });
  });
  clearSourceCache();
  const [source] = await listSources(pool, admin.agencyId, sourceId);
  return source!;
}
