import { cookies, headers } from 'next/headers';
import { finishOidcMfa, MFA_COOKIE } from '@/lib/auth/oidc/sign-in';
import { setSessionCookie } from '@/lib/auth/session-cookie';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** POST /api/auth/oidc/mfa {code}: our TOTP for a directory user whose provider did no multi-factor. */
export async function POST(req: Request): Promise<Response> {
  try {
    const rt = runtime();
    const h = await headers();
    const jar = await cookies();
    const body = await readJson(req, 4 * 1024);
    const ctx = { ttlHours: rt.env.SESSION_TTL_HOURS, ip: clientIp(h), userAgent: h.get('user-agent') };
    const { token, expiresAt, user } = await finishOidcMfa(rt.pool, jar.get(MFA_COOKIE)?.value ?? null, body, ctx);
    jar.delete({ name: MFA_COOKIE, path: '/api/auth/oidc' });
    await setSessionCookie(rt.env, h, token, expiresAt);
    return Response.json({ user }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
