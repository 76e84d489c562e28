import { cookies } from 'next/headers';
import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { noContent } from '@/lib/api/responses';
import { audit } from '@/lib/audit/audit';
import { AppError } from '@/lib/platform/errors/app-error';
import { TokenBuckets } from '@/lib/platform/rate-limit';
import type { Runtime } from '@/lib/platform/runtime';
import { can, pub } from '@/lib/policy/route-policy';
import { login, ZLoginInput } from './login';
import { changeOwnPassword, ZPasswordChange } from './change-password';
import { confirmMfa, enrollMfa, ZMfaConfirm } from './mfa';
import { securityConfig } from './security-config';
import { setSessionCookie } from './session-cookie';
import { SESSION_COOKIE, ZSessionUser } from './session-user';
import { deleteSession, resolveSession } from './sessions';
import { deviceLogin, ZDeviceLogin } from './wall-device';

function loginLimiter(rt: Runtime): TokenBuckets {
  const cfg = securityConfig();
  rt.loginLimiter ??= new TokenBuckets({ ratePerSec: cfg.LOGIN_RATE_PER_MIN / 60, burst: cfg.LOGIN_BURST });
  return rt.loginLimiter;
}

const ZUserReply = z.object({ user: ZSessionUser, mustChangePassword: z.boolean().optional() });

export const authRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    operationId: 'login',
    summary: 'Sign in with user name, password (and TOTP code once enrolled); sets the session cookie',
    description: 'A right password without the second factor answers 401 with `mfaRequired: true`: send the code too.',
    policy: pub,
    body: ZLoginInput,
    bodyLimit: 16 * 1024,
    response: { schema: ZUserReply },
    errors: [401, 429],
    handle: async ({ rt, req, ip, body }) => {
      const opts = { ttlHours: rt.env.SESSION_TTL_HOURS, ip, userAgent: req.headers.get('user-agent'), limiter: loginLimiter(rt) };
      const { token, expiresAt, user } = await login(rt.pool, body, opts);
      await setSessionCookie(rt.env, req.headers, token, expiresAt);
      return { user, mustChangePassword: user.mustChangePassword };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/account/password',
    operationId: 'changePassword',
    summary: 'Change one\'s own password (the current one required); ends a temporary password\'s must-change state and the other sessions',
    policy: can('account.self'),
    body: ZPasswordChange,
    bodyLimit: 8 * 1024,
    response: { status: 204 },
    errors: [403],
    handle: async ({ rt, user, body, ip }) => {
      await changeOwnPassword(rt.pool, user, body, ip);
      return noContent();
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/device',
    operationId: 'deviceLogin',
    summary: 'Video-wall kiosk sign-in with its device token → a read-only wall_device session',
    policy: pub,
    body: ZDeviceLogin,
    bodyLimit: 4 * 1024,
    response: { schema: ZUserReply },
    errors: [401, 429],
    handle: async ({ rt, req, ip, body }) => {
      const wait = loginLimiter(rt).take(`device:${ip ?? 'unknown'}`);
      if (wait > 0) throw new AppError('RATE_LIMITED', 'Too many sign-in attempts from this address', [], Math.max(1, Math.ceil(wait)));
      const { token, expiresAt, user } = await deviceLogin(rt.pool, body, { ttlHours: rt.env.SESSION_TTL_HOURS, ip, userAgent: req.headers.get('user-agent') });
      await setSessionCookie(rt.env, req.headers, token, expiresAt);
      return { user };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    operationId: 'logout',
    summary: 'End the session this request carries',
    policy: pub,
    response: { status: 204 },
    handle: async ({ rt, ip }) => {
      const jar = await cookies();
      const token = jar.get(SESSION_COOKIE)?.value;
      if (token) {
        const user = await resolveSession(rt.pool, token, { ip });
        await deleteSession(rt.pool, token);
        if (user) await audit(rt.pool, { actor: user, action: 'auth.logout', targetType: 'session', targetId: user.sessionId, ip, outcome: 'allow' });
      }
      jar.delete(SESSION_COOKIE);
      return noContent();
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/mfa/enroll',
    operationId: 'enrollMfa',
    summary: 'Start TOTP enrolment: the secret and an otpauth:// URI for the authenticator app (shown once)',
    policy: can('account.self'),
    handle: ({ rt, user, ip }) => enrollMfa(rt.pool, user, ip),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/mfa/confirm',
    operationId: 'confirmMfa',
    summary: 'Finish TOTP enrolment with a first code; MFA is then required at every sign-in',
    policy: can('account.self'),
    body: ZMfaConfirm,
    bodyLimit: 1024,
    handle: async ({ rt, user, body, ip }) => (await confirmMfa(rt.pool, user, body, ip), { enabled: true }),
  }),
];
