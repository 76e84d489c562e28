type HeaderBag = { get(name: string): string | null };

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF guard for cookie-authenticated requests, on top of SameSite=Strict: a state-changing request that carries
 * the session cookie must come from our own origin. Browsers send Sec-Fetch-Site and/or Origin on such requests;
 * a client sending neither is not a browser, so no ambient cookie is being abused. Returns the refusal reason.
 */
export function csrfRefusal(method: string, h: HeaderBag, sessionCookiePresent: boolean): string | null {
  if (!STATE_CHANGING.has(method.toUpperCase()) || !sessionCookiePresent) return null;
  const site = h.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return `cross-site request refused (Sec-Fetch-Site: ${site})`;
  const origin = h.get('origin');
  if (origin !== null) {
    const host = h.get('x-forwarded-host') ?? h.get('host');
    let originHost: string | null = null;
    try {
      originHost = origin === 'null' ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) return `cross-origin request refused (Origin: ${origin.slice(0, 100)})`;
  }
  return null;
}
