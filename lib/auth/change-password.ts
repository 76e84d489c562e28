import type pg from 'pg';
import { z } from 'zod';
import { audit } from '@/lib/audit/audit';
import { AppError } from '@/lib/platform/errors/app-error';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { hashPassword, verifyPassword } from './password';
import { securityConfig } from './security-config';
import type { SessionUser } from './session-user';

export const ZPasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(12, 'At least 12 characters').max(1000),
});

/**
 * POST /api/account/password: the signed-in user chooses a new password, proving the current one (a temporary
 * one included). It ends the must-change state and the user's other sessions; both outcomes are audited.
 */
export async function changeOwnPassword(pool: pg.Pool, user: SessionUser, body: z.infer<typeof ZPasswordChange>, ip: string | null): Promise<void> {
  const entry = { actor: user, action: 'account.password.change', targetType: 'user', targetId: user.id, ip };
  const { rows } = await pool.query<{ password_hash: string }>('SELECT password_hash FROM app_user WHERE id = $1', [user.id]);
  if (!rows[0] || !(await verifyPassword(rows[0].password_hash, body.currentPassword))) {
    await audit(pool, { ...entry, outcome: 'deny', details: { reason: 'wrong current password' } });
    throw new AppError('FORBIDDEN', 'The current password is wrong');
  }
  if (body.newPassword === body.currentPassword) {
    throw new AppError('BAD_REQUEST', 'Choose a password different from the current one', [{ path: 'newPassword', message: 'same as the current one' }]);
  }
  const hash = await hashPassword(body.newPassword);
  await withTransaction(pool, async (client) => {
    await client.query('UPDATE app_user SET password_hash = $2, must_change_password = false, password_expires_at = NULL WHERE id = $1', [user.id, hash]);
    const ended = await client.query('DELETE FROM session WHERE user_id = $1 AND id <> $2', [user.id, user.sessionId]);
    await audit(client, { ...entry, outcome: 'allow', details: { otherSessionsEnded: ended.rowCount ?? 0, wasTemporary: user.mustChangePassword } });
  });
}

/** When a temporary password issued now stops working. */
export function temporaryPasswordExpiry(now = Date.now()): Date {
  return new Date(now + securityConfig().TEMP_PASSWORD_HOURS * 3_600_000);
}
