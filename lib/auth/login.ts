import type pg from 'pg';
import { z } from 'zod';
import { audit } from '@/lib/audit/audit';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import type { TokenBuckets } from '@/lib/platform/rate-limit';
import { clearFailures, lockedFor, recordFailure } from './lockout';
import { checkTotp, mfaEnabled, ZTotpCode } from './mfa';
import { verifyAgainstDummy, verifyPassword } from './password';
import { createSession, resolveSession } from './sessions';
import type { SessionUser } from './session-user';

export const ZLoginInput = z.strictObject({
  username: z.string().trim().min(1, 'Username is required').max(100),
  password: z.string().min(1, 'Password is required').max(1000),
  /** TOTP code, for users with MFA enabled. */
  code: ZTotpCode.optional(),
});

/** Password right, second factor missing: the route answers 401 with `mfaRequired: true` so the form asks for it. */
export class MfaRequiredError extends AppError {
  readonly mfaRequired = true;
  constructor() {
    super('UNAUTHORIZED', 'Enter the 6-digit code from your authenticator app', [], undefined, { mfaRequired: true });
  }
}

const WRONG = 'Wrong username or password';

/**
 * Check credentials (and the TOTP code when the user has MFA) and open a session. One message for every failure,
 * so usernames cannot be probed; 5 failures lock the name for 10 minutes; every outcome leaves an audit row.
 */
export async function login(
  pool: pg.Pool,
  body: unknown,
  opts: { ttlHours: number; ip?: string | null; userAgent?: string | null; limiter?: TokenBuckets },
): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const ip = opts.ip ?? null;
  if (opts.limiter) {
    const wait = opts.limiter.take(`login:${ip ?? 'unknown'}`);
    if (wait > 0) {
      const s = Math.max(1, Math.ceil(wait));
      throw new AppError('RATE_LIMITED', `Too many sign-in attempts from this address: retry in ${s} s`, [], s);
    }
  }
  const parsed = ZLoginInput.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'login');
  const { username, password, code } = parsed.data;
  const attempt = { actorLabel: username.slice(0, 100), action: 'auth.login', targetType: 'user', ip };

  const locked = await lockedFor(pool, username);
  if (locked > 0) {
    await audit(pool, { ...attempt, outcome: 'deny', details: { reason: 'locked' } });
    const minutes = Math.ceil(locked / 60);
    throw new AppError('RATE_LIMITED', `Too many failed attempts: sign-in locked for ${minutes} more minute(s)`, [], locked);
  }

  const { rows } = await pool.query<{ id: string; password_hash: string; disabled: boolean; role: string; agency_id: string; expired: boolean }>(
    `SELECT id, password_hash, disabled, role, agency_id, coalesce(password_expires_at <= now(), false) AS expired
       FROM app_user WHERE lower(username) = lower($1)`,
    [username],
  );
  const row = rows[0];
  const ok = row ? await verifyPassword(row.password_hash, password) : await verifyAgainstDummy(password);
  // Wall devices sign in with their device token only (POST /api/auth/device).
  if (!row || !ok || row.disabled || row.role === 'wall_device') {
    return fail(pool, username, { ...attempt, agencyId: row?.agency_id ?? null, targetId: row?.id ?? null }, 'bad credentials');
  }
  if (row.expired) {
    await audit(pool, { ...attempt, agencyId: row.agency_id, targetId: row.id, outcome: 'deny', details: { reason: 'temporary password expired' } });
    throw new AppError('UNAUTHORIZED', 'This temporary password has expired: ask an administrator for a new one');
  }

  if (await mfaEnabled(pool, row.id)) {
    if (!code) {
      await audit(pool, { ...attempt, agencyId: row.agency_id, targetId: row.id, outcome: 'deny', details: { reason: 'mfa code missing' } });
      throw new MfaRequiredError();
    }
    if (!(await checkTotp(pool, row.id, code))) {
      return fail(pool, username, { ...attempt, agencyId: row.agency_id, targetId: row.id }, 'wrong mfa code', 'Wrong code');
    }
  }

  await clearFailures(pool, username);
  await pool.query('UPDATE app_user SET last_login_at = now() WHERE id = $1', [row.id]);
  const session = await createSession(pool, row.id, opts.ttlHours, opts);
  const user = await resolveSession(pool, session.token);
  if (!user) throw new AppError('UNAUTHORIZED', WRONG);
  await audit(pool, { ...attempt, actor: user, targetId: user.id, outcome: 'allow', details: { mfa: user.mfa } });
  return { ...session, user };
}

async function fail(
  pool: pg.Pool,
  username: string,
  entry: { actorLabel: string; action: string; targetType: string; targetId: string | null; agencyId: string | null; ip: string | null },
  reason: string,
  message = WRONG,
): Promise<never> {
  const lockedNow = await recordFailure(pool, username);
  await audit(pool, { ...entry, outcome: 'deny', details: { reason, ...(lockedNow ? { lockedNow: true } : {}) } });
  throw new AppError('UNAUTHORIZED', message);
}
