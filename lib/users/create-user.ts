import crypto from 'node:crypto';
import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import { temporaryPasswordExpiry } from '@/lib/auth/change-password';
import { hashPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { ZUserCreate, type UserAdminDto } from '@/lib/domain/user-admin';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { listUsers } from './list-users';

// No look-alikes (0/O, 1/l/I) and no punctuation: the password is read out over the phone or copied off a screen.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 20 characters from 57: ≈ 116 bits, well past the 12-character minimum. */
export function temporaryPassword(): string {
  return Array.from({ length: 20 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('');
}

/**
 * POST /api/admin/users: a user of the admin's agency with a random temporary password, returned once (only its
 * Argon2id hash is stored). Usernames are unique regardless of case, as sign-in compares them.
 */
export async function createUser(
  pool: pg.Pool,
  admin: SessionUser,
  body: unknown,
  ip: string | null,
): Promise<{ user: UserAdminDto; temporaryPassword: string }> {
  const parsed = ZUserCreate.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'user');
  const { username, displayName, role } = parsed.data;
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  return withTransaction(pool, async (client) => {
    const taken = await client.query('SELECT 1 FROM app_user WHERE lower(username) = lower($1)', [username]);
    if (taken.rowCount) throw new AppError('CONFLICT', `Username "${username}" is taken`, [{ path: 'username', message: 'already in use' }]);
    const id = crypto.randomUUID();
    await client.query(
      `INSERT INTO app_user (id, agency_id, username, display_name, role, password_hash, must_change_password, password_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, true, $7)`,
      [id, admin.agencyId, username, displayName, role, hash, temporaryPasswordExpiry()],
    );
    await auditAdminChange(client, { user: admin, ip, action: 'admin.user.create', targetType: 'user', targetId: id, details: { username, role } });
    const [user] = await listUsers(client, admin.agencyId, id);
    return { user: user!, temporaryPassword: password };
  });
}
