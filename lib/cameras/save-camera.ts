import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import type { CameraAdminDto } from '@/lib/domain/camera-admin';
import { invalid } from '@/lib/platform/errors/app-error';
import { withKind, ZCameraRegistration } from '@/lib/ingest/adapters/camera-registry';
import { upsertCameras } from '@/lib/cameras/camera-store';
import { listAdminCameras } from './list-admin-cameras';

/**
 * POST /api/admin/cameras: create or edit one camera through the registry's own upsert (by external id, the
 * identity sources and CSV imports use too), so a camera edited here and re-sent by its source stays one row.
 */
export async function saveCamera(
  pool: pg.Pool,
  admin: SessionUser,
  body: unknown,
  ip: string | null,
): Promise<{ camera: CameraAdminDto; created: boolean }> {
  const parsed = ZCameraRegistration.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'camera');
  const seed = withKind(parsed.data);
  return withTransaction(pool, async (client) => {
    const { created } = await upsertCameras(client, admin.agencyId, [seed]);
    // The form says exactly which restreamer the camera uses (null: the app's own), unlike a source's upsert.
    await client.query('UPDATE camera SET restream_url = $3 WHERE agency_id = $1 AND external_id = $2', [admin.agencyId, seed.externalId, seed.restreamUrl ?? null]);
    const [camera] = await listAdminCameras(client, admin.agencyId, seed.externalId);
    await auditAdminChange(client, {
      user: admin,
      ip,
      action: created ? 'admin.camera.create' : 'admin.camera.update',
      targetType: 'camera',
      targetId: camera!.id,
      // The stream URL may carry credentials: it stays out of the audit trail.
      details: { externalId: seed.externalId, name: seed.name, owner: seed.owner, lat: seed.lat, lon: seed.lon, ptz: seed.ptz },
    });
    return { camera: camera!, created: created === 1 };
  });
}
