/**
 * Response headers for every page and API answer (set by proxy.ts). Pure functions so unit tests pin them down.
 */

export interface CspOptions {
  nonce: string;
  dev: boolean;
  secure: boolean;
  /** Extra origins the map may fetch from (MAP_STYLE_URL's tile/style server). */
  mapOrigins?: string[];
}

/**
 * Strict CSP: scripts only with this response's nonce (Next.js adds it to its own scripts when it sees the
 * header on the request) and what those load ('strict-dynamic'). Styles allow inline attributes: React's
 * `style={}` and MapLibre's positioning render as style attributes, and a nonce would disable 'unsafe-inline'.
 */
export function contentSecurityPolicy({ nonce, dev, secure, mapOrigins = [] }: CspOptions): string {
  const map = mapOrigins.join(' ');
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:${map ? ` ${map}` : ''}`,
    `font-src 'self' data:`,
    `connect-src 'self' ws: wss:${map ? ` ${map}` : ''}`,
    // MapLibre runs its worker from /maplibre-gl-worker.mjs or a blob: URL.
    `worker-src 'self' blob:`,
    `media-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(secure ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

export function securityHeaders(opts: CspOptions): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(opts),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), fullscreen=(self)',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    ...(opts.secure ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** Origin of a configured map style URL, for connect-src/img-src; nothing when unset or invalid. */
export function originsOf(url: string | undefined): string[] {
  if (!url?.trim()) return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}
