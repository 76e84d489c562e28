import type pg from 'pg';
import { z } from 'zod';
import { AppError, invalid } from '@/lib/errors/app-error';
import { verifyAgainstDummy, verifyPassword } from './password';
import { createSession, resolveSession } from './sessions';
import type { SessionUser } from './session-user';

export const ZLoginInput = z.strictObject({
  username: z.string().trim().min(1, 'Username is required').max(100),
  password: z.string().min(1, 'Password is required').max(1000),
});

/** Check credentials and open a session. One message for every failure, so usernames cannot be probed. */
export async function login(
  pool: pg.Pool,
  body: unknown,
  opts: { ttlHours: number; ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const parsed = ZLoginInput.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'login');
  const { username, password } = parsed.data;
  const { rows } = await pool.query<{ id: string; password_hash: string; disabled: boolean }>(
    'SELECT id, password_hash, disabled FROM app_user WHERE lower(username) = lower($1)',
    [username],
  );
  const row = rows[0];
  const ok = row ? await verifyPassword(row.password_hash, password) : await verifyAgainstDummy(password);
  if (!row || !ok || row.disabled) throw new AppError('UNAUTHORIZED', 'Wrong username or password');
  await pool.query('UPDATE app_user SET last_login_at = now() WHERE id = $1', [row.id]);
  const session = await createSession(pool, row.id, opts.ttlHours, opts);
  const user = await resolveSession(pool, session.token);
  if (!user) throw new AppError('UNAUTHORIZED', 'Wrong username or password');
  return { ...session, user };
}
