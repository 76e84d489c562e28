import type { Env } from '@/lib/platform/env';

type HeaderBag = { get(name: string): string | null };

/**
 * Header server.ts sets on every request from the socket address (or the proxy's X-Forwarded-For when
 * TRUST_PROXY=1). Any copy sent by a client is overwritten, so audit rows cannot be spoofed.
 */
export const CLIENT_IP_HEADER = 'x-rtcc-client-ip';

export function clientIp(h: HeaderBag): string | null {
  return h.get(CLIENT_IP_HEADER)?.slice(0, 64) ?? null;
}

/** Secure cookies behind TLS (or when forced); plain http on localhost still works for a first run. */
export function secureCookies(env: Env, h: HeaderBag): boolean {
  if (env.COOKIE_SECURE !== undefined) return env.COOKIE_SECURE;
  return h.get('x-forwarded-proto') === 'https';
}

/** This request's own origin (scheme and host as the client addressed it), for links the app hands out. */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  const proto = req.headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '');
  return `${proto}://${req.headers.get('host') ?? url.host}`;
}
