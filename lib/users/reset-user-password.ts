import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import { temporaryPasswordExpiry } from '@/lib/auth/change-password';
import { hashPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import { temporaryPassword } from './create-user';
import { lockAgencyUser } from './lock-agency-user';

/**
 * POST /api/admin/users/[id]/reset-password: a new temporary password, returned once. It must be changed at the
 * next sign-in and expires unused (TEMP_PASSWORD_HOURS); the user's sessions end now.
 */
export async function resetUserPassword(
  pool: pg.Pool,
  admin: SessionUser,
  userId: string,
  ip: string | null,
): Promise<{ temporaryPassword: string; expiresAt: string }> {
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const expiresAt = temporaryPasswordExpiry();
  await withTransaction(pool, async (client) => {
    const target = await lockAgencyUser(client, admin, userId);
    if (target.role === 'wall_device') throw new AppError('CONFLICT', 'A wall device signs in with its device token, not a password');
    await client.query('UPDATE app_user SET password_hash = $2, must_change_password = true, password_expires_at = $3 WHERE id = $1', [userId, hash, expiresAt]);
    const sessions = await client.query('DELETE FROM session WHERE user_id = $1', [userId]);
    await auditAdminChange(client, {
      user: admin,
      ip,
      action: 'admin.user.reset_password',
      targetType: 'user',
      targetId: userId,
      details: { username: target.username, sessionsEnded: sessions.rowCount ?? 0, expiresAt: expiresAt.toISOString() },
    });
  });
  return { temporaryPassword: password, expiresAt: expiresAt.toISOString() };
}
