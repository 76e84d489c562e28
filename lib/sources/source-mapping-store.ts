import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { ZMappingSpec, type MappingSpec } from '@/lib/domain/source-mapping';
import { isTimeZone } from '@/lib/ingest/adapters/local-time';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { loadImportTarget } from './import-target';

/** A spec the admin sends, checked whole: the schema, then the zone (Intl must know it). */
export function parseSpec(body: unknown): MappingSpec {
  const parsed = ZMappingSpec.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'mapping');
  const spec = parsed.data;
  if (spec.timeZone && !isTimeZone(spec.timeZone)) throw new AppError('BAD_REQUEST', `Invalid mapping: timeZone: "${spec.timeZone}" is not a known time zone`, [{ path: 'timeZone', message: 'not an IANA time zone' }]);
  return spec;
}

export interface MappingView {
  spec: MappingSpec | null;
  sourceName: string;
  kind: string;
  /** The zone local times are read in when the mapping names none. */
  timeZone: string;
}

export async function getSourceMapping(pool: pg.Pool, agencyId: string, sourceId: string): Promise<MappingView> {
  const t = await loadImportTarget(pool, sourceId, agencyId);
  return { spec: t.spec, sourceName: t.name, kind: t.kind, timeZone: t.timeZone };
}

/** PUT /api/admin/sources/[id]/mapping: replace the source's mapping (audited, with the spec). */
export async function saveSourceMapping(pool: pg.Pool, admin: SessionUser, sourceId: string, body: unknown, ip: string | null): Promise<{ spec: MappingSpec }> {
  const spec = parseSpec(body);
  await loadImportTarget(pool, sourceId, admin.agencyId); // 404 for another agency's source
  await withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO source_mapping (source_id, spec, updated_at, updated_by) VALUES ($1, $2, now(), $3)
       ON CONFLICT (source_id) DO UPDATE SET spec = EXCLUDED.spec, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [sourceId, JSON.stringify(spec), admin.id],
    );
    await auditAdminChange(client, { user: admin, ip, action: 'admin.source.mapping', targetType: 'source', targetId: sourceId, details: { spec } });
  });
  return { spec };
}
