import crypto from 'node:crypto';
import type { Jwk } from './provider';

export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nonce?: string;
  azp?: string;
  amr?: string[];
  [claim: string]: unknown;
}

/** Thrown for any token we do not accept; the message says which check failed (audited, not shown in detail). */
export class IdTokenError extends Error {}

const ALGS = {
  RS256: { kty: 'RSA', verify: (key: crypto.KeyObject) => key },
  PS256: { kty: 'RSA', verify: (key: crypto.KeyObject) => ({ key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }) },
  ES256: { kty: 'EC', verify: (key: crypto.KeyObject) => ({ key, dsaEncoding: 'ieee-p1363' as const }) },
} as const;
type Alg = keyof typeof ALGS;

const SKEW_S = 60;

function part(s: string | undefined, what: string): Record<string, unknown> {
  try {
    const v = JSON.parse(Buffer.from(s ?? '', 'base64url').toString('utf8')) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new IdTokenError(`malformed ${what}`);
}

/** The token's header, to pick the signing key (`kid`) before verifying. */
export function idTokenHeader(token: string): { alg: string; kid?: string } {
  const h = part(token.split('.')[0], 'header');
  return { alg: String(h.alg), kid: typeof h.kid === 'string' ? h.kid : undefined };
}

/**
 * Verify an ID token (OpenID Connect Core 3.1.3.7): signature with the provider's JWKS (RS256, PS256 or ES256 —
 * never `none` or HMAC), then iss, aud (and azp), exp, iat and the nonce sent with the authorization request.
 */
export function verifyIdToken(
  token: string,
  keys: Jwk[],
  expect: { issuer: string; clientId: string; nonce: string; now?: number },
): IdTokenClaims {
  const segments = token.split('.');
  if (segments.length !== 3) throw new IdTokenError('not a compact JWS');
  const { alg, kid } = idTokenHeader(token);
  if (!(alg in ALGS)) throw new IdTokenError(`algorithm ${alg} not accepted`);
  const spec = ALGS[alg as Alg];
  const candidates = keys.filter((k) => k.kty === spec.kty && (k.use === undefined || k.use === 'sig') && (k.alg === undefined || k.alg === alg));
  const jwk = kid ? candidates.find((k) => k.kid === kid) : candidates.length === 1 ? candidates[0] : undefined;
  if (!jwk) throw new IdTokenError(`no signing key ${kid ?? '(no kid)'} for ${alg}`);
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey({ key: jwk as crypto.JsonWebKey, format: 'jwk' });
  } catch {
    throw new IdTokenError('unusable signing key');
  }
  const signed = Buffer.from(`${segments[0]}.${segments[1]}`);
  const signature = Buffer.from(segments[2]!, 'base64url');
  if (!crypto.verify('sha256', signed, spec.verify(key), signature)) throw new IdTokenError('bad signature');

  const c = part(segments[1], 'payload') as Partial<IdTokenClaims>;
  const now = Math.floor((expect.now ?? Date.now()) / 1000);
  if (c.iss !== expect.issuer) throw new IdTokenError('wrong issuer');
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!aud.includes(expect.clientId)) throw new IdTokenError('wrong audience');
  if (aud.length > 1 && c.azp !== expect.clientId) throw new IdTokenError('wrong authorized party');
  if (typeof c.exp !== 'number' || c.exp + SKEW_S <= now) throw new IdTokenError('expired');
  if (typeof c.iat !== 'number' || c.iat - SKEW_S > now) throw new IdTokenError('issued in the future');
  if (typeof c.nonce !== 'string' || !timingSafeEqualStr(c.nonce, expect.nonce)) throw new IdTokenError('wrong nonce');
  if (typeof c.sub !== 'string' || !c.sub || c.sub.length > 255) throw new IdTokenError('no subject');
  return c as IdTokenClaims;
}

function timingSafeEqualStr(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Did the provider itself do multi-factor authentication (RFC 8176 `amr` values)? */
export function providerDidMfa(claims: IdTokenClaims): boolean {
  return Array.isArray(claims.amr) && claims.amr.some((m) => m === 'mfa' || m === 'otp');
}
