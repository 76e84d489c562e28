import { headers } from 'next/headers';
import { securityConfig } from '@/lib/auth/security-config';
import { setSessionCookie } from '@/lib/auth/session-cookie';
import { deviceLogin } from '@/lib/auth/wall-device';
import { AppError } from '@/lib/platform/errors/app-error';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { TokenBuckets } from '@/lib/platform/rate-limit';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** Video-wall kiosk sign-in with its device token → a read-only wall_device session. */
export async function POST(req: Request): Promise<Response> {
  try {
    const rt = runtime();
    const h = await headers();
    const ip = clientIp(h);
    const cfg = securityConfig();
    rt.loginLimiter ??= new TokenBuckets({ ratePerSec: cfg.LOGIN_RATE_PER_MIN / 60, burst: cfg.LOGIN_BURST });
    const wait = rt.loginLimiter.take(`device:${ip ?? 'unknown'}`);
    if (wait > 0) throw new AppError('RATE_LIMITED', 'Too many sign-in attempts from this address', [], Math.max(1, Math.ceil(wait)));
    const body = await readJson(req, 4 * 1024);
    const { token, expiresAt, user } = await deviceLogin(rt.pool, body, { ttlHours: rt.env.SESSION_TTL_HOURS, ip, userAgent: h.get('user-agent') });
    await setSessionCookie(rt.env, h, token, expiresAt);
    return Response.json({ user }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
