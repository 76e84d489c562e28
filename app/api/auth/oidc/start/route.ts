import { cookies, headers } from 'next/headers';
import { oidcConfig } from '@/lib/auth/oidc/config';
import { beginSignIn, STATE_COOKIE, STATE_TTL_S } from '@/lib/auth/oidc/flow';
import { oidcPage, redirectUriFor, transientCookie } from '@/lib/auth/oidc/http';
import { AppError } from '@/lib/platform/errors/app-error';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** GET /api/auth/oidc/start: off to the agency's identity provider (authorization code + PKCE). 404 when not configured. */
export async function GET(): Promise<Response> {
  const cfg = oidcConfig();
  if (!cfg) return oidcPage(404, 'Directory sign-in is not configured', 'Sign in with your RTCC user name and password.');
  try {
    const env = runtime().env;
    const h = await headers();
    const { location, cookie } = await beginSignIn(cfg, redirectUriFor(cfg, env, h));
    (await cookies()).set(STATE_COOKIE, cookie, transientCookie(env, h, STATE_TTL_S));
    return new Response(null, { status: 302, headers: { location, 'cache-control': 'no-store' } });
  } catch (err) {
    const msg = err instanceof AppError ? err.message : 'The identity provider cannot be reached';
    if (!(err instanceof AppError)) console.error('[oidc] start failed', err);
    return oidcPage(503, 'Directory sign-in unavailable', msg);
  }
}
