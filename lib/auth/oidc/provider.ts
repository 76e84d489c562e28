import { AppError } from '@/lib/platform/errors/app-error';

export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
}

export interface Jwk {
  kty: string;
  kid?: string;
  use?: string;
  alg?: string;
  [k: string]: unknown;
}

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; meta: ProviderMetadata; jwks?: { at: number; keys: Jwk[] } }>();

/** The identity provider must be reached over TLS; plain http only on this machine (development, tests). */
export function assertSafeUrl(raw: string, what: string): URL {
  const u = new URL(raw);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) throw new Error(`${what} must be https: ${raw}`);
  return u;
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new AppError('UNAVAILABLE', `Identity provider answered ${res.status} for ${new URL(url).pathname}`);
  return res.json();
}

/** `<issuer>/.well-known/openid-configuration`, cached 10 minutes; its `issuer` must be exactly the configured one. */
export async function discover(issuer: string): Promise<ProviderMetadata> {
  const hit = cache.get(issuer);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.meta;
  const meta = (await getJson(`${assertSafeUrl(issuer, 'OIDC_ISSUER').href.replace(/\/+$/, '')}/.well-known/openid-configuration`)) as ProviderMetadata;
  if (meta.issuer !== issuer) throw new AppError('UNAVAILABLE', `Identity provider metadata names issuer ${String(meta.issuer)}, not ${issuer}`);
  for (const k of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) assertSafeUrl(String(meta[k]), k);
  cache.set(issuer, { at: Date.now(), meta });
  return meta;
}

/**
 * The provider's signing keys. A key id not in the cached set refetches once (the provider rotated its keys),
 * at most every 30 s so forged `kid`s cannot make us hammer the provider.
 */
export async function signingKeys(issuer: string, kid: string | undefined): Promise<Jwk[]> {
  const meta = await discover(issuer);
  const entry = cache.get(issuer)!;
  const stale = !entry.jwks || Date.now() - entry.jwks.at > TTL_MS;
  const unknownKid = !!kid && !!entry.jwks && !entry.jwks.keys.some((k) => k.kid === kid) && Date.now() - entry.jwks.at > 30_000;
  if (stale || unknownKid) {
    const body = (await getJson(meta.jwks_uri)) as { keys?: Jwk[] };
    entry.jwks = { at: Date.now(), keys: Array.isArray(body.keys) ? body.keys : [] };
  }
  return entry.jwks!.keys;
}

/** Forget cached metadata and keys (tests start providers with fresh keys on the same address). */
export function clearProviderCache(): void {
  cache.clear();
}
