import { cookies } from 'next/headers';
import { defineRoute } from '@/lib/api/define-route';
import { AppError } from '@/lib/platform/errors/app-error';
import { pub } from '@/lib/policy/route-policy';
import { ZMfaConfirm } from '../mfa';
import { setSessionCookie } from '../session-cookie';
import { oidcConfig, type OidcConfig } from './config';
import { beginSignIn, STATE_COOKIE, STATE_TTL_S } from './flow';
import { oidcPage, redirectUriFor, transientCookie } from './http';
import { finishOidcMfa, finishOidcSignIn, MFA_COOKIE, MFA_TTL_S } from './sign-in';

const STATUS: Partial<Record<AppError['code'], number>> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, UNAVAILABLE: 503 };

/** Directory sign-in not configured: a page that says so (the routes exist either way). */
class NotConfigured extends Error {}

function config(): OidcConfig {
  const cfg = oidcConfig();
  if (!cfg) throw new NotConfigured();
  return cfg;
}

/** The browser is mid-redirect from the identity provider: answer with a page, never JSON. */
function pageFor(err: unknown, title: string): Response {
  if (err instanceof NotConfigured) return oidcPage(404, 'Directory sign-in is not configured', 'Sign in with your RTCC user name and password.');
  if (err instanceof AppError) return oidcPage(STATUS[err.code] ?? 400, title, err.message);
  console.error('[oidc] sign-in failed', err);
  return oidcPage(503, title, 'The identity provider cannot be reached');
}

export const oidcRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/auth/oidc/start',
    operationId: 'oidcStart',
    summary: "Off to the agency's identity provider (authorization code + PKCE); 404 page when not configured",
    policy: pub,
    response: { contentType: 'text/html', description: '302 to the provider' },
    onError: (err) => pageFor(err, 'Directory sign-in unavailable'),
    handle: async ({ rt, req }) => {
      const cfg = config();
      const { location, cookie } = await beginSignIn(cfg, redirectUriFor(cfg, rt.env, req.headers));
      (await cookies()).set(STATE_COOKIE, cookie, transientCookie(rt.env, req.headers, STATE_TTL_S));
      return new Response(null, { status: 302, headers: { location, 'cache-control': 'no-store' } });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/auth/oidc/callback',
    operationId: 'oidcCallback',
    summary: "The provider's answer (?code&state): a session, the TOTP step, or a page saying why not",
    policy: pub,
    response: { contentType: 'text/html' },
    onError: (err) => pageFor(err, 'Sign-in refused'),
    handle: async ({ rt, req, ip }) => {
      const cfg = config();
      const jar = await cookies();
      const stateCookie = jar.get(STATE_COOKIE)?.value ?? null;
      jar.delete({ name: STATE_COOKIE, path: '/api/auth/oidc' }); // one use, whatever the outcome
      const ctx = { ttlHours: rt.env.SESSION_TTL_HOURS, ip, userAgent: req.headers.get('user-agent') };
      const result = await finishOidcSignIn(rt.pool, cfg, new URL(req.url).searchParams, stateCookie, ctx);
      if (result.kind === 'mfa') {
        jar.set(MFA_COOKIE, result.pending, transientCookie(rt.env, req.headers, MFA_TTL_S));
        return oidcPage(200, 'One more step', 'Enter the code from your authenticator app.', '/login?step=oidc-code');
      }
      await setSessionCookie(rt.env, req.headers, result.token, result.expiresAt);
      return oidcPage(200, 'Signed in', `Signed in as ${result.user.displayName}.`, '/');
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/oidc/mfa',
    operationId: 'oidcMfa',
    summary: 'Our TOTP for a directory user whose provider did no multi-factor: { code }',
    policy: pub,
    body: ZMfaConfirm,
    bodyLimit: 4 * 1024,
    errors: [401],
    handle: async ({ rt, req, ip, body }) => {
      const jar = await cookies();
      const ctx = { ttlHours: rt.env.SESSION_TTL_HOURS, ip, userAgent: req.headers.get('user-agent') };
      const { token, expiresAt, user } = await finishOidcMfa(rt.pool, jar.get(MFA_COOKIE)?.value ?? null, body, ctx);
      jar.delete({ name: MFA_COOKIE, path: '/api/auth/oidc' });
      await setSessionCookie(rt.env, req.headers, token, expiresAt);
      return { user };
    },
  }),
];
