import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import type { GeofenceDto, GeofencePatch } from '@/lib/domain/geofence';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import { notifyReferenceChanged } from '@/lib/rules/rule-rows';
import { geofenceRowToDto, type GeofenceRow } from './list-geofences';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PATCH /api/admin/geofences/[id]: a new shape (edited on the map), name or kind; the correlator reloads on COMMIT. */
export async function updateGeofence(pool: pg.Pool, admin: SessionUser, id: string, patch: GeofencePatch, ip: string | null): Promise<GeofenceDto> {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', 'No such geofence');
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<GeofenceRow>(
      `UPDATE geofence SET name = coalesce($3, name), kind = coalesce($4, kind), polygon = coalesce($5::jsonb, polygon)
        WHERE id = $1 AND agency_id = $2 RETURNING id, name, kind, polygon, created_at`,
      [id, admin.agencyId, patch.name ?? null, patch.kind ?? null, patch.polygon ? JSON.stringify(patch.polygon) : null],
    );
    if (!rows[0]) throw new AppError('NOT_FOUND', 'No such geofence');
    await auditAdminChange(client, { user: admin, ip, action: 'admin.geofence.update', targetType: 'geofence', targetId: id,
      details: { name: rows[0].name, changed: Object.keys(patch) } });
    await notifyReferenceChanged(client);
    return geofenceRowToDto(rows[0]);
  });
}
