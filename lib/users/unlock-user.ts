import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import type { UserAdminDto } from '@/lib/domain/user-admin';
import { listUsers } from './list-users';
import { lockAgencyUser } from './lock-agency-user';

/** POST /api/admin/users/[id]/unlock: clear the failed sign-in count and any lock (lib/auth/lockout.ts). */
export async function unlockUser(pool: pg.Pool, admin: SessionUser, userId: string, ip: string | null): Promise<UserAdminDto> {
  return withTransaction(pool, async (client) => {
    const target = await lockAgencyUser(client, admin, userId);
    const { rows } = await client.query<{ locked_until: Date | null; failed_count: number }>(
      'DELETE FROM login_throttle WHERE username = lower($1) RETURNING locked_until, failed_count',
      [target.username],
    );
    const was = rows[0];
    await auditAdminChange(client, {
      user: admin,
      ip,
      action: 'admin.user.unlock',
      targetType: 'user',
      targetId: userId,
      details: { username: target.username, lockedUntil: was?.locked_until?.toISOString() ?? null, failedCount: was?.failed_count ?? 0 },
    });
    const [user] = await listUsers(client, admin.agencyId, userId);
    return user!;
  });
}
