import crypto from 'node:crypto';
import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { ZGeofenceInput, type GeofenceDto } from '@/lib/domain/geofence';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { invalid } from '@/lib/platform/errors/app-error';
import { notifyReferenceChanged } from '@/lib/rules/rule-rows';
import { geofenceRowToDto, type GeofenceRow } from './list-geofences';

export async function createGeofence(pool: pg.Pool, user: SessionUser, body: unknown, ip: string | null): Promise<GeofenceDto> {
  const parsed = ZGeofenceInput.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'geofence');
  const g = parsed.data;
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<GeofenceRow>(
      `INSERT INTO geofence (id, agency_id, name, kind, polygon) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id, name, kind, polygon, created_at`,
      [crypto.randomUUID(), user.agencyId, g.name, g.kind, JSON.stringify(g.polygon)]);
    await auditAdminChange(client, { user, ip, action: 'admin.geofence.create', targetType: 'geofence', targetId: rows[0]!.id, details: { name: g.name, kind: g.kind } });
    await notifyReferenceChanged(client);
    return geofenceRowToDto(rows[0]!);
  });
}
