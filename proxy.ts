import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/session-user';
import { csrfBody, edgePolicy } from '@/lib/policy/edge-policy';

/**
 * Runs before every page and API route Next.js serves: refuses cross-site state-changing requests that carry the
 * session cookie (CSRF), and sets the security headers with a fresh CSP nonce that Next.js applies to its scripts.
 * The ingest routes are served ahead of Next.js with the same policy (lib/api/node-edge.ts).
 */
export function proxy(request: NextRequest): NextResponse {
  const { refusal, headers } = edgePolicy({
    method: request.method,
    headers: request.headers,
    sessionCookie: request.cookies.has(SESSION_COOKIE),
    https: request.nextUrl.protocol === 'https:',
  });
  const csp = headers['content-security-policy']!;

  if (refusal) {
    const res = NextResponse.json(csrfBody(refusal), { status: 403 });
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
