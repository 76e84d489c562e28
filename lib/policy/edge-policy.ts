import { csrfRefusal } from './csrf';
import { originsOf, securityHeaders } from './security-headers';

type HeaderBag = { get(name: string): string | null };

export interface EdgeRequest {
  method: string;
  headers: HeaderBag;
  /** The request carries the session cookie. */
  sessionCookie: boolean;
  /** The URL the server saw was https (Next's nextUrl; plain http behind a TLS proxy otherwise). */
  https?: boolean;
}

/**
 * What every page and API answer gets before its route runs (proxy.ts for what Next.js serves, lib/api/node-edge.ts
 * for the ingest routes served ahead of it): the CSRF refusal, if any, and the security headers with a fresh CSP nonce.
 */
export function edgePolicy(req: EdgeRequest): { refusal: string | null; headers: Record<string, string> } {
  const refusal = csrfRefusal(req.method, req.headers, req.sessionCookie);
  const secure =
    process.env.COOKIE_SECURE === '1' ||
    process.env.COOKIE_SECURE === 'true' ||
    req.headers.get('x-forwarded-proto') === 'https' ||
    req.https === true;
  const headers = securityHeaders({
    nonce: Buffer.from(crypto.randomUUID()).toString('base64'),
    dev: process.env.NODE_ENV === 'development',
    secure,
    mapOrigins: originsOf(process.env.MAP_STYLE_URL),
  });
  return { refusal, headers };
}

/** The 403 body for a refused cross-site request (the same at both edges). */
export const csrfBody = (refusal: string) => ({ error: refusal, code: 'FORBIDDEN' });
