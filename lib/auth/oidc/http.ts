import type { Env } from '@/lib/platform/env';
import { secureCookies } from '@/lib/platform/http/request-meta';
import type { OidcConfig } from './config';

type HeaderBag = { get(name: string): string | null };

/** Where the provider sends the browser back: OIDC_REDIRECT_URI, else this request's own origin. */
export function redirectUriFor(cfg: OidcConfig, env: Env, h: HeaderBag): string {
  if (cfg.redirectUri) return cfg.redirectUri;
  const host = (env.TRUST_PROXY ? h.get('x-forwarded-host') : null) ?? h.get('host') ?? `127.0.0.1:${env.PORT}`;
  return `${secureCookies(env, h) ? 'https' : 'http'}://${host}/api/auth/oidc/callback`;
}

/**
 * Options of the two short-lived sign-in cookies. SameSite=Lax, not Strict: the provider's redirect back is a
 * cross-site top-level navigation, on which only Lax cookies are sent. Path-scoped to the OIDC routes.
 */
export function transientCookie(env: Env, h: HeaderBag, maxAge: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: secureCookies(env, h), path: '/api/auth/oidc', maxAge };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A minimal page for the callback. After sign-in it moves on by meta refresh, not a 302: the session cookie is
 * SameSite=Strict, and a redirect chain that began at the provider is cross-site, so the cookie would not be sent.
 */
export function oidcPage(status: number, title: string, message: string, next?: string): Response {
  const refresh = next ? `<meta http-equiv="refresh" content="0;url=${esc(next)}">` : '';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>${refresh}</head>
<body><main><h1>${esc(title)}</h1><p role="${status >= 400 ? 'alert' : 'status'}">${esc(message)}</p>
<p><a href="${esc(next ?? '/login')}">${next ? 'Continue' : 'Back to sign-in'}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
