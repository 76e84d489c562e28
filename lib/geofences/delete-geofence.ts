import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import { notifyReferenceChanged } from '@/lib/rules/rule-rows';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** DELETE /api/admin/geofences/[id]; the correlator reloads its geofences on the NOTIFY, sent on COMMIT. */
export async function deleteGeofence(pool: pg.Pool, admin: SessionUser, id: string, ip: string | null): Promise<void> {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', 'No such geofence');
  await withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ name: string; kind: string }>(
      'DELETE FROM geofence WHERE id = $1 AND agency_id = $2 RETURNING name, kind',
      [id, admin.agencyId],
    );
    if (!rows[0]) throw new AppError('NOT_FOUND', 'No such geofence');
    await auditAdminChange(client, { user: admin, ip, action: 'admin.geofence.delete', targetType: 'geofence', targetId: id, details: rows[0] });
    await notifyReferenceChanged(client);
  });
}
