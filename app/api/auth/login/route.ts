import { headers } from 'next/headers';
import { login, MfaRequiredError } from '@/lib/auth/login';
import { securityConfig } from '@/lib/auth/security-config';
import { setSessionCookie } from '@/lib/auth/session-cookie';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { TokenBuckets } from '@/lib/platform/rate-limit';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  try {
    const rt = runtime();
    const h = await headers();
    const cfg = securityConfig();
    rt.loginLimiter ??= new TokenBuckets({ ratePerSec: cfg.LOGIN_RATE_PER_MIN / 60, burst: cfg.LOGIN_BURST });
    const body = await readJson(req, 16 * 1024);
    const { token, expiresAt, user } = await login(rt.pool, body, {
      ttlHours: rt.env.SESSION_TTL_HOURS,
      ip: clientIp(h),
      userAgent: h.get('user-agent'),
      limiter: rt.loginLimiter,
    });
    await setSessionCookie(rt.env, h, token, expiresAt);
    return Response.json({ user }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    if (err instanceof MfaRequiredError) {
      return Response.json(
        { error: err.message, code: err.code, mfaRequired: true },
        { status: 401, headers: { 'cache-control': 'no-store' } },
      );
    }
    return errorResponse(err);
  }
}
