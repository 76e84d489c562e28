import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/session-user';
import { csrfRefusal } from '@/lib/policy/csrf';
import { originsOf, securityHeaders } from '@/lib/policy/security-headers';

/**
 * Runs before every page and API route: refuses cross-site state-changing requests that carry the session
 * cookie (CSRF), and sets the security headers with a fresh CSP nonce that Next.js applies to its scripts.
 */
export function proxy(request: NextRequest): NextResponse {
  const refusal = csrfRefusal(request.method, request.headers, request.cookies.has(SESSION_COOKIE));
  const secure =
    process.env.COOKIE_SECURE === '1' ||
    process.env.COOKIE_SECURE === 'true' ||
    request.headers.get('x-forwarded-proto') === 'https' ||
    request.nextUrl.protocol === 'https:';
  const headers = securityHeaders({
    nonce: Buffer.from(crypto.randomUUID()).toString('base64'),
    dev: process.env.NODE_ENV === 'development',
    secure,
    mapOrigins: originsOf(process.env.MAP_STYLE_URL),
  });
  const csp = headers['content-security-policy']!;

  if (refusal) {
    const res = NextResponse.json({ error: refusal, code: 'FORBIDDEN' }, { status: 403 });
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
