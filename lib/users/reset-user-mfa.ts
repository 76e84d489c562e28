import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import type { UserAdminDto } from '@/lib/domain/user-admin';
import { listUsers } from './list-users';
import { lockAgencyUser } from './lock-agency-user';

/**
 * POST /api/admin/users/[id]/reset-mfa: drop the user's TOTP secret (a lost phone). Their sessions end too, so
 * whoever holds one must sign in again with the password, and then enrol a new authenticator (MFA_REQUIRED makes
 * them, before any data).
 */
export async function resetUserMfa(pool: pg.Pool, admin: SessionUser, userId: string, ip: string | null): Promise<UserAdminDto> {
  return withTransaction(pool, async (client) => {
    const target = await lockAgencyUser(client, admin, userId);
    const removed = await client.query<{ enabled: boolean }>('DELETE FROM user_mfa WHERE user_id = $1 RETURNING enabled', [userId]);
    const sessions = await client.query('DELETE FROM session WHERE user_id = $1', [userId]);
    await auditAdminChange(client, {
      user: admin,
      ip,
      action: 'admin.user.reset_mfa',
      targetType: 'user',
      targetId: userId,
      details: { username: target.username, hadMfa: removed.rows[0]?.enabled ?? false, sessionsEnded: sessions.rowCount ?? 0 },
    });
    const [user] = await listUsers(client, admin.agencyId, userId);
    return user!;
  });
}
