import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { clearFailures, lockedFor, recordFailure } from '../lockout';
import { checkTotp, mfaEnabled, ZMfaConfirm } from '../mfa';
import { seal, unseal } from '../secret-box';
import { createSession, resolveSession } from '../sessions';
import type { SessionUser } from '../session-user';
import type { OidcConfig } from './config';
import { completeSignIn } from './flow';
import { providerDidMfa } from './id-token';
import { provisionDirectoryUser, type DirectoryUser } from './provision';

export const MFA_COOKIE = 'rtcc_oidc_mfa';
export const MFA_TTL_S = 300;
const MFA_CONTEXT = 'oidc-mfa';

interface Ctx {
  ttlHours: number;
  ip: string | null;
  userAgent: string | null;
}

export type OidcResult =
  | { kind: 'session'; token: string; expiresAt: Date; user: SessionUser }
  /** The provider did no second factor and the user has our TOTP: the code is asked for next (sealed cookie). */
  | { kind: 'mfa'; pending: string };

/**
 * The callback: verify the provider's answer, find or create the user by `sub`, then open a session — at once when
 * the provider's `amr` says it did multi-factor, else only after our TOTP when the user has it enrolled.
 */
export async function finishOidcSignIn(pool: pg.Pool, cfg: OidcConfig, query: URLSearchParams, stateCookie: string | null, ctx: Ctx): Promise<OidcResult> {
  let claims;
  try {
    claims = await completeSignIn(cfg, query, stateCookie);
  } catch (err) {
    const reason = err instanceof Error ? err.message.slice(0, 300) : 'failed';
    await audit(pool, { actorLabel: 'oidc', action: 'auth.login', targetType: 'identity', ip: ctx.ip, outcome: 'deny', details: { method: 'oidc', reason } });
    throw err;
  }
  const user = await provisionDirectoryUser(pool, cfg, claims, ctx.ip);
  const idpMfa = providerDidMfa(claims);
  if (!idpMfa && (await mfaEnabled(pool, user.id))) {
    const attempt = { actorLabel: user.username, agencyId: user.agencyId, action: 'auth.login', targetType: 'user', targetId: user.id, ip: ctx.ip };
    await audit(pool, { ...attempt, outcome: 'deny', details: { method: 'oidc', reason: 'mfa code missing' } });
    return { kind: 'mfa', pending: seal(JSON.stringify({ userId: user.id, exp: Date.now() + MFA_TTL_S * 1000 }), MFA_CONTEXT) };
  }
  return open(pool, user, idpMfa ? 'idp' : 'none', ctx);
}

/** Second step for a directory user whose provider did no MFA: our TOTP code, with the password login's lockout. */
export async function finishOidcMfa(pool: pg.Pool, pending: string | null, body: unknown, ctx: Ctx): Promise<OidcResult & { kind: 'session' }> {
  const parsed = ZMfaConfirm.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'code');
  const opened = pending ? unseal(pending, MFA_CONTEXT) : null;
  const p = opened ? (JSON.parse(opened) as { userId: string; exp: number }) : null;
  if (!p || p.exp < Date.now()) throw new AppError('UNAUTHORIZED', 'The directory sign-in expired: sign in again');
  const { rows } = await pool.query<{ username: string; agency_id: string; role: DirectoryUser['role'] }>(
    'SELECT username, agency_id, role FROM app_user WHERE id = $1 AND NOT disabled',
    [p.userId],
  );
  const row = rows[0];
  if (!row) throw new AppError('UNAUTHORIZED', 'The directory sign-in expired: sign in again');
  const attempt = { actorLabel: row.username, agencyId: row.agency_id, action: 'auth.login', targetType: 'user', targetId: p.userId, ip: ctx.ip };
  const locked = await lockedFor(pool, row.username);
  if (locked > 0) {
    await audit(pool, { ...attempt, outcome: 'deny', details: { method: 'oidc', reason: 'locked' } });
    throw new AppError('RATE_LIMITED', `Too many failed attempts: sign-in locked for ${Math.ceil(locked / 60)} more minute(s)`, [], locked);
  }
  if (!(await checkTotp(pool, p.userId, parsed.data.code))) {
    const lockedNow = await recordFailure(pool, row.username);
    await audit(pool, { ...attempt, outcome: 'deny', details: { method: 'oidc', reason: 'wrong mfa code', ...(lockedNow ? { lockedNow: true } : {}) } });
    throw new AppError('UNAUTHORIZED', 'Wrong code', [{ path: 'code', message: 'Wrong or expired code' }]);
  }
  return open(pool, { id: p.userId, username: row.username, agencyId: row.agency_id, role: row.role, created: false }, 'totp', ctx);
}

async function open(pool: pg.Pool, u: DirectoryUser, mfa: 'idp' | 'totp' | 'none', ctx: Ctx): Promise<OidcResult & { kind: 'session' }> {
  await clearFailures(pool, u.username);
  await pool.query('UPDATE app_user SET last_login_at = now() WHERE id = $1', [u.id]);
  const session = await createSession(pool, u.id, ctx.ttlHours, { ip: ctx.ip, userAgent: ctx.userAgent, idpMfa: mfa === 'idp' });
  const user = await resolveSession(pool, session.token);
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign-in failed');
  await audit(pool, { actor: user, action: 'auth.login', targetType: 'user', targetId: user.id, ip: ctx.ip, outcome: 'allow', details: { method: 'oidc', mfa } });
  return { kind: 'session', ...session, user };
}
