import { cookies, headers } from 'next/headers';
import { oidcConfig } from '@/lib/auth/oidc/config';
import { STATE_COOKIE } from '@/lib/auth/oidc/flow';
import { oidcPage, transientCookie } from '@/lib/auth/oidc/http';
import { finishOidcSignIn, MFA_COOKIE, MFA_TTL_S } from '@/lib/auth/oidc/sign-in';
import { setSessionCookie } from '@/lib/auth/session-cookie';
import { AppError } from '@/lib/platform/errors/app-error';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

const STATUS: Partial<Record<AppError['code'], number>> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, UNAVAILABLE: 503 };

/** GET /api/auth/oidc/callback?code&state: the provider's answer; a session, the TOTP step, or a page saying why not. */
export async function GET(req: Request): Promise<Response> {
  const cfg = oidcConfig();
  if (!cfg) return oidcPage(404, 'Directory sign-in is not configured', 'Sign in with your RTCC user name and password.');
  try {
    const rt = runtime();
    const h = await headers();
    const jar = await cookies();
    const stateCookie = jar.get(STATE_COOKIE)?.value ?? null;
    jar.delete({ name: STATE_COOKIE, path: '/api/auth/oidc' }); // one use, whatever the outcome
    const ctx = { ttlHours: rt.env.SESSION_TTL_HOURS, ip: clientIp(h), userAgent: h.get('user-agent') };
    const result = await finishOidcSignIn(rt.pool, cfg, new URL(req.url).searchParams, stateCookie, ctx);
    if (result.kind === 'mfa') {
      jar.set(MFA_COOKIE, result.pending, transientCookie(rt.env, h, MFA_TTL_S));
      return oidcPage(200, 'One more step', 'Enter the code from your authenticator app.', '/login?step=oidc-code');
    }
    await setSessionCookie(rt.env, h, result.token, result.expiresAt);
    return oidcPage(200, 'Signed in', `Signed in as ${result.user.displayName}.`, '/');
  } catch (err) {
    if (err instanceof AppError) return oidcPage(STATUS[err.code] ?? 400, 'Sign-in refused', err.message);
    console.error('[oidc] callback failed', err);
    return oidcPage(500, 'Sign-in failed', 'Internal error');
  }
}
