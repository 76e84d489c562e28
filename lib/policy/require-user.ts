import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import { resolveSession, readCookie } from '@/lib/auth/sessions';
import { securityConfig } from '@/lib/auth/security-config';
import { SESSION_COOKIE, type SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/platform/errors/app-error';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';
import type { Action } from './actions';
import { authorize, type Resource } from './authorize';
import { loadShareGrants } from './share-grants';

type HeaderBag = { get(name: string): string | null };

/** What requireUser reads from a request: its headers (cookie, client address). A `Request` fits. */
export interface RequestContext {
  headers: HeaderBag;
}

/**
 * The gate every route handler calls first: the signed-in user allowed to do `action` on `resource`, or an
 * AppError (401 anonymous, 403 denied) that errorResponse maps. A denied signed-in user leaves a 'deny' audit row.
 */
export async function requireUser(
  req: RequestContext,
  action: Action,
  resource: Resource = {},
  pool: pg.Pool = runtime().pool,
): Promise<SessionUser> {
  const ip = clientIp(req.headers);
  const user = await resolveSession(pool, readCookie(req.headers.get('cookie') ?? undefined, SESSION_COOKIE), { ip });
  return decide(pool, user, action, resource, ip);
}

/** Same decision for a user already resolved (server components, sockets). */
export async function decide(
  pool: pg.Pool,
  user: SessionUser | null,
  action: Action,
  resource: Resource = {},
  ip: string | null = null,
): Promise<SessionUser> {
  const crossAgency = !!user && !!resource.agencyId && resource.agencyId !== user.agencyId;
  const grants = crossAgency ? await loadShareGrants(pool, user.agencyId) : [];
  const decision =
    user && needsPasswordChange(user, action)
      ? ({ allow: false, status: 403, reason: 'Signed in with a temporary password: choose your own password first' } as const)
      : user && needsMfaEnrolment(user, action)
        ? ({ allow: false, status: 403, reason: 'Multi-factor authentication is required: enrol an authenticator first' } as const)
        : authorize(user, action, resource, grants);
  if (decision.allow) return user!;
  if (user) {
    await audit(pool, {
      actor: user,
      action: 'access.denied',
      targetType: 'action',
      targetId: action,
      ip,
      outcome: 'deny',
      details: { reason: decision.reason, ...(resource.agencyId ? { resourceAgencyId: resource.agencyId } : {}) },
    });
  }
  throw new AppError(decision.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', decision.reason);
}

/** A temporary password (new account, admin reset) allows nothing but the account itself until it is changed. */
export function needsPasswordChange(user: SessionUser, action: Action): boolean {
  return action !== 'account.self' && user.mustChangePassword;
}

/** With MFA_REQUIRED=1, every role that sees CJI (all but wall devices) may do nothing but enrol until it has MFA. */
export function needsMfaEnrolment(user: SessionUser, action: Action): boolean {
  return action !== 'account.self' && user.role !== 'wall_device' && !user.mfa && securityConfig().MFA_REQUIRED;
}
