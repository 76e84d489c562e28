import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { clientIp } from '@/lib/platform/http/request-meta';
import { AppError } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { adaptCameraBatch, adaptHeartbeats, ZCameraCsvRow } from '../ingest/adapters/camera-registry';
import { upsertCameras } from './camera-store';
import { sourceHeartbeats, upsertSourceCameras } from './source-cameras';
import { readCsvUpload } from '../ingest/csv-upload';
import { bodyJson, receiveFromSource } from '../ingest/source-request';
import { withTransaction } from '@/lib/platform/db/with-transaction';

/** POST /api/ingest/cameras: a camera source registers or updates its own cameras (same auth, limits and HMAC as events). */
export async function receiveCameras(rt: Runtime, req: Request): Promise<{ created: number; updated: number }> {
  const r = await receiveFromSource(rt, req);
  return upsertSourceCameras(rt.pool, r.source, adaptCameraBatch(bodyJson(r)), clientIp(req.headers));
}

/** POST /api/ingest/cameras/heartbeat: cameras alive now, with their status. */
export async function receiveCameraHeartbeats(rt: Runtime, req: Request): Promise<{ updated: number }> {
  const r = await receiveFromSource(rt, req);
  return sourceHeartbeats(rt.pool, r.source, adaptHeartbeats(bodyJson(r)));
}

/** PUT /api/admin/cameras (text/csv): upsert the admin's agency cameras; all-or-nothing. */
export async function importCameras(rt: Runtime, admin: SessionUser, req: Request): Promise<{ created: number; updated: number }> {
  const cams = await readCsvUpload(req, ZCameraCsvRow);
  if (!cams.length) throw new AppError('BAD_REQUEST', 'Invalid CSV: no records');
  const seen = new Set<string>();
  cams.forEach((c, i) => {
    if (seen.has(c.externalId)) throw new AppError('BAD_REQUEST', `Invalid CSV: record ${i + 2} (external_id): "${c.externalId}" appears twice`);
    seen.add(c.externalId);
  });
  return withTransaction(rt.pool, async (client) => {
    const counts = await upsertCameras(client, admin.agencyId, cams);
    // Audited in the same transaction: an import whose trail cannot be written does not happen.
    await auditAdminChange(client, { user: admin, ip: clientIp(req.headers), action: 'admin.camera.import', targetType: 'camera', targetId: 'csv', details: counts });
    return counts;
  });
}
