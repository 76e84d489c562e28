import crypto from 'node:crypto';
import { AppError } from '@/lib/platform/errors/app-error';
import { seal, unseal } from '../secret-box';
import type { OidcConfig } from './config';
import { idTokenHeader, IdTokenError, verifyIdToken, type IdTokenClaims } from './id-token';
import { discover, signingKeys } from './provider';

/** Browser-bound state of one sign-in attempt, sealed (AES-GCM) into a short-lived cookie. */
interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  exp: number;
}

export const STATE_COOKIE = 'rtcc_oidc';
export const STATE_TTL_S = 600;
const CONTEXT = 'oidc-state';
const rand = () => crypto.randomBytes(32).toString('base64url');

/**
 * Begin the authorization code flow: fresh state (CSRF), nonce (replay) and PKCE verifier (S256), kept only in the
 * sealed cookie; returns the provider URL to send the browser to.
 */
export async function beginSignIn(cfg: OidcConfig, redirectUri: string): Promise<{ location: string; cookie: string }> {
  const meta = await discover(cfg.issuer);
  const p: Pending = { state: rand(), nonce: rand(), verifier: rand(), redirectUri, exp: Date.now() + STATE_TTL_S * 1000 };
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: redirectUri,
    scope: cfg.scopes,
    state: p.state,
    nonce: p.nonce,
    code_challenge: crypto.createHash('sha256').update(p.verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return { location: url.href, cookie: seal(JSON.stringify(p), CONTEXT) };
}

/**
 * Finish it: the `state` must match the cookie of the browser that began, the code is exchanged with the PKCE
 * verifier and client secret, and the ID token must verify (signature, iss, aud, exp, nonce). Any failure is a
 * 400 AppError whose message names the failed check.
 */
export async function completeSignIn(cfg: OidcConfig, query: URLSearchParams, cookie: string | null): Promise<IdTokenClaims> {
  const bad = (why: string) => new AppError('BAD_REQUEST', `Directory sign-in failed: ${why}`);
  if (query.get('error')) throw bad(`the identity provider answered ${query.get('error')!.slice(0, 100)}`);
  const opened = cookie ? unseal(cookie, CONTEXT) : null;
  const p = opened ? (JSON.parse(opened) as Pending) : null;
  if (!p || p.exp < Date.now()) throw bad('the sign-in attempt expired or was started in another browser; start again');
  const state = query.get('state') ?? '';
  if (state.length !== p.state.length || !crypto.timingSafeEqual(Buffer.from(state), Buffer.from(p.state))) throw bad('state mismatch');
  const code = query.get('code');
  if (!code) throw bad('no authorization code');

  const meta = await discover(cfg.issuer);
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: p.redirectUri, code_verifier: p.verifier });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const methods = meta.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  if (methods.includes('client_secret_basic')) {
    // RFC 6749 2.3.1: each part form-urlencoded before base64.
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(cfg.clientSecret)}`).toString('base64')}`;
  } else {
    form.set('client_id', cfg.clientId);
    form.set('client_secret', cfg.clientSecret);
  }
  const res = await fetch(meta.token_endpoint, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(10_000) });
  const body = (await res.json().catch(() => ({}))) as { id_token?: string; error?: string };
  if (!res.ok || typeof body.id_token !== 'string') throw bad(`token exchange refused (${res.status}${body.error ? ` ${body.error}` : ''})`);
  try {
    const keys = await signingKeys(cfg.issuer, idTokenHeader(body.id_token).kid);
    return verifyIdToken(body.id_token, keys, { issuer: cfg.issuer, clientId: cfg.clientId, nonce: p.nonce });
  } catch (err) {
    if (err instanceof IdTokenError) throw bad(`ID token rejected: ${err.message}`);
    throw err;
  }
}
