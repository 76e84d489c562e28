import type { SessionUser } from '@/lib/auth/session-user';
import { invalid } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { auditAdminChange } from '@/lib/audit/record';
import { ZJurisdictionUpload } from '../ingest/adapters/jurisdiction';
import { assertAgencySource, saveJurisdiction } from './source-settings';

/** PUT /api/admin/sources/[id]/jurisdiction: GeoJSON Polygon/MultiPolygon (or a Feature of one). */
export async function setJurisdiction(rt: Runtime, admin: SessionUser, sourceId: string, body: unknown, ip: string | null = null): Promise<{ type: string }> {
  await assertAgencySource(rt.pool, sourceId, admin.agencyId);
  const parsed = ZJurisdictionUpload.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'jurisdiction');
  await saveJurisdiction(rt.pool, sourceId, parsed.data);
  const polygons = parsed.data.type === 'Polygon' ? 1 : parsed.data.coordinates.length;
  await auditAdminChange(rt.pool, { user: admin, ip, action: 'admin.source.jurisdiction', targetType: 'source', targetId: sourceId, details: { type: parsed.data.type, polygons } });
  return { type: parsed.data.type };
}

/** DELETE /api/admin/sources/[id]/jurisdiction: the source is no longer bounded. */
export async function clearJurisdiction(rt: Runtime, admin: SessionUser, sourceId: string, ip: string | null = null): Promise<void> {
  await assertAgencySource(rt.pool, sourceId, admin.agencyId);
  await saveJurisdiction(rt.pool, sourceId, null);
  await auditAdminChange(rt.pool, { user: admin, ip, action: 'admin.source.jurisdiction', targetType: 'source', targetId: sourceId, details: { cleared: true } });
}
