import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { ZUserPatch, type UserAdminDto } from '@/lib/domain/user-admin';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { listUsers } from './list-users';
import { lockAgencyUser } from './lock-agency-user';
import { revokeDeviceUser } from './wall-devices/revoke-device-user';

/**
 * PATCH /api/admin/users/[id]: change the role or disable the account. Sessions read the role afresh on every
 * request, so a change applies at once; disabling ends the sessions too (resolveSession refuses disabled users).
 * An admin cannot change their own role or disable themselves: the agency must never lose its last admin by accident.
 */
export async function updateUser(pool: pg.Pool, admin: SessionUser, userId: string, body: unknown, ip: string | null): Promise<UserAdminDto> {
  const parsed = ZUserPatch.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'user');
  const patch = parsed.data;
  return withTransaction(pool, async (client) => {
    const old = await lockAgencyUser(client, admin, userId);
    if (old.role === 'wall_device') {
      // Disabling a device is revoking it (a lost or stolen kiosk): its token is refused, its sessions end.
      if (patch.disabled === true && patch.role === undefined) return revokeDeviceUser(client, admin, userId, ip);
      throw new AppError('CONFLICT', 'A wall device can only be disabled (revoked) here; register a new device to bring a wall back');
    }
    // An agency admin must not demote or lock out the deployment's administrator.
    if (old.role === 'platform_admin' && admin.role !== 'platform_admin') throw new AppError('FORBIDDEN', 'Only a platform administrator changes a platform administrator');
    if (userId === admin.id && ((patch.role && patch.role !== old.role) || patch.disabled)) {
      throw new AppError('CONFLICT', 'You cannot change your own role or disable your own account', [
        { path: patch.role ? 'role' : 'disabled', message: 'not on your own account' },
      ]);
    }
    await client.query('UPDATE app_user SET role = coalesce($2, role), disabled = coalesce($3, disabled) WHERE id = $1', [
      userId,
      patch.role ?? null,
      patch.disabled ?? null,
    ]);
    if (patch.disabled) await client.query('DELETE FROM session WHERE user_id = $1', [userId]);
    const after = { role: patch.role ?? old.role, disabled: patch.disabled ?? old.disabled };
    const action = after.role !== old.role ? 'admin.user.role' : after.disabled !== old.disabled ? (after.disabled ? 'admin.user.disable' : 'admin.user.enable') : 'admin.user.update';
    await auditAdminChange(client, {
      user: admin,
      ip,
      action,
      targetType: 'user',
      targetId: userId,
      details: { username: old.username, before: { role: old.role, disabled: old.disabled }, after },
    });
    const [user] = await listUsers(client, admin.agencyId, userId);
    return user!;
  });
}
