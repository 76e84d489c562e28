import type pg from 'pg';
import { generateSecret, generateURI, verify } from 'otplib';
import { z } from 'zod';
import { audit } from '@/lib/audit/audit';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import type { SessionUser } from './session-user';
import { decryptTotpSecret, encryptTotpSecret } from './totp-secrets';

const ISSUER = 'RTCC';
export const ZTotpCode = z.string().trim().regex(/^\d{6}$/, 'Code must be 6 digits');
export const ZMfaConfirm = z.strictObject({ code: ZTotpCode });

/**
 * Check a TOTP code against the stored secret, ±1 step for clock drift, and never accept the same or an older
 * time step twice (a code seen over a shoulder cannot be replayed).
 */
export async function checkTotp(
  pool: pg.Pool,
  userId: string,
  code: string,
  opts: { pending?: boolean } = {},
): Promise<boolean> {
  const { rows } = await pool.query<{ secret: string; enabled: boolean; last_time_step: string | null }>(
    'SELECT secret, enabled, last_time_step FROM user_mfa WHERE user_id = $1',
    [userId],
  );
  const row = rows[0];
  if (!row || row.enabled === !!opts.pending) return false;
  // Stored encrypted (lib/auth/totp-secrets.ts); a row this key cannot open accepts no code.
  const secret = decryptTotpSecret(userId, row.secret);
  if (secret === null) return false;
  const last = row.last_time_step === null ? undefined : Number(row.last_time_step);
  const result = await verify({ secret, token: code, epochTolerance: 30, afterTimeStep: last }).catch(() => ({ valid: false as const }));
  // The union also covers HOTP results, which carry no time step: only TOTP ones are accepted.
  if (!result.valid || !('timeStep' in result)) return false;
  // Conditional update: of two concurrent uses of one code, only one wins.
  const { rowCount } = await pool.query(
    `UPDATE user_mfa SET last_time_step = $2 WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2)`,
    [userId, result.timeStep],
  );
  return rowCount === 1;
}

export async function mfaEnabled(pool: pg.Pool, userId: string): Promise<boolean> {
  const { rows } = await pool.query('SELECT 1 FROM user_mfa WHERE user_id = $1 AND enabled', [userId]);
  return rows.length > 0;
}

/** Start (or restart) enrolment: a fresh secret, pending until confirmed with a code. */
export async function enrollMfa(
  pool: pg.Pool,
  user: SessionUser,
  ip: string | null,
): Promise<{ secret: string; otpauthUri: string }> {
  if (await mfaEnabled(pool, user.id)) {
    throw new AppError('CONFLICT', 'MFA is already enabled for this account; an administrator must reset it');
  }
  const secret = generateSecret();
  await pool.query(
    `INSERT INTO user_mfa (user_id, secret, enabled) VALUES ($1, $2, false)
     ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, last_time_step = NULL, created_at = now()
       WHERE NOT user_mfa.enabled`,
    [user.id, encryptTotpSecret(user.id, secret)],
  );
  await audit(pool, { actor: user, action: 'auth.mfa.enroll', targetType: 'user', targetId: user.id, ip, outcome: 'allow' });
  return { secret, otpauthUri: generateURI({ issuer: ISSUER, label: user.username, secret }) };
}

/** Finish enrolment: the first valid code turns MFA on. */
export async function confirmMfa(pool: pg.Pool, user: SessionUser, body: unknown, ip: string | null): Promise<void> {
  const parsed = ZMfaConfirm.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'MFA confirmation');
  const ok = await checkTotp(pool, user.id, parsed.data.code, { pending: true });
  await audit(pool, {
    actor: user,
    action: 'auth.mfa.confirm',
    targetType: 'user',
    targetId: user.id,
    ip,
    outcome: ok ? 'allow' : 'deny',
  });
  if (!ok) throw new AppError('BAD_REQUEST', 'Wrong or expired code, or no enrolment in progress', [{ path: 'code', message: 'Wrong or expired code' }]);
  await pool.query('UPDATE user_mfa SET enabled = true, confirmed_at = now() WHERE user_id = $1', [user.id]);
}
