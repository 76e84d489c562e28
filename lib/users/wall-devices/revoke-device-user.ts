import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import type { UserAdminDto } from '@/lib/domain/user-admin';
import { listUsers } from '../list-users';

/**
 * A wall device's user disabled from the users list (inside the caller's transaction, the user row locked): the
 * device is revoked as from the devices list, so its token is refused and its sessions end, audited once.
 */
export async function revokeDeviceUser(client: pg.PoolClient, admin: SessionUser, userId: string, ip: string | null): Promise<UserAdminDto> {
  const { rows } = await client.query<{ id: string }>(
    `UPDATE wall_device SET revoked_at = coalesce(revoked_at, now()) WHERE user_id = $1 AND agency_id = $2 RETURNING id`,
    [userId, admin.agencyId],
  );
  await client.query('UPDATE app_user SET disabled = true WHERE id = $1', [userId]);
  await client.query('DELETE FROM session WHERE user_id = $1', [userId]);
  for (const d of rows) {
    await auditAdminChange(client, { user: admin, ip, action: 'admin.wall_device.revoke', targetType: 'wall_device', targetId: d.id, details: { via: 'user.disable' } });
  }
  const [user] = await listUsers(client, admin.agencyId, userId);
  return user!;
}
