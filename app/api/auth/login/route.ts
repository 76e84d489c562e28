import { cookies, headers } from 'next/headers';
import { login } from '@/lib/auth/login';
import { SESSION_COOKIE } from '@/lib/auth/session-user';
import { errorResponse } from '@/lib/errors/http';
import { readJson } from '@/lib/http/read-body';
import { clientIp, secureCookies } from '@/lib/http/request-meta';
import { runtime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  try {
    const rt = runtime();
    const h = await headers();
    const body = await readJson(req, 16 * 1024);
    const { token, expiresAt, user } = await login(rt.pool, body, {
      ttlHours: rt.env.SESSION_TTL_HOURS,
      ip: clientIp(h),
      userAgent: h.get('user-agent'),
    });
    (await cookies()).set(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookies(rt.env, h),
      path: '/',
      expires: expiresAt,
    });
    return Response.json({ user }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
