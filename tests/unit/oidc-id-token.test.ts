import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mapRole, oidcConfig } from '@/lib/auth/oidc/config';
import { providerDidMfa, verifyIdToken } from '@/lib/auth/oidc/id-token';
import type { Jwk } from '@/lib/auth/oidc/provider';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const claims = { iss: 'https://idp.example', sub: 'u1', aud: 'rtcc', iat: now, exp: now + 300, nonce: 'n-1' };
const expectOk = { issuer: 'https://idp.example', clientId: 'rtcc', nonce: 'n-1' };

function signed(alg: string, key: crypto.KeyObject, kid: string, body: object = claims): string {
  const input = `${b64({ alg, kid })}.${b64(body)}`;
  const opts = alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' as const } : alg === 'PS256' ? { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : key;
  return `${input}.${crypto.sign('sha256', Buffer.from(input), opts).toString('base64url')}`;
}
const jwk = (k: crypto.KeyObject, kid: string): Jwk => ({ ...(k.export({ format: 'jwk' }) as Jwk), kid });

describe('ID token verification with node:crypto', () => {
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = [jwk(ec.publicKey, 'ec1'), jwk(rsa.publicKey, 'rsa1')];

  it('accepts ES256, RS256 and PS256 signatures from the JWKS', () => {
    expect(verifyIdToken(signed('ES256', ec.privateKey, 'ec1'), keys, expectOk).sub).toBe('u1');
    expect(verifyIdToken(signed('RS256', rsa.privateKey, 'rsa1'), keys, expectOk).sub).toBe('u1');
    expect(verifyIdToken(signed('PS256', rsa.privateKey, 'rsa1'), keys, expectOk).sub).toBe('u1');
  });

  it('refuses HMAC (key confusion), unknown keys, several audiences without azp, and a token from the future', () => {
    const hs = `${b64({ alg: 'HS256', kid: 'rsa1' })}.${b64(claims)}.${crypto.createHmac('sha256', 'x').update('y').digest('base64url')}`;
    expect(() => verifyIdToken(hs, keys, expectOk)).toThrow(/HS256 not accepted/);
    expect(() => verifyIdToken(signed('ES256', ec.privateKey, 'nope'), keys, expectOk)).toThrow(/no signing key/);
    expect(() => verifyIdToken(signed('RS256', rsa.privateKey, 'ec1'), keys, expectOk)).toThrow(/no signing key/);
    expect(() => verifyIdToken(signed('ES256', ec.privateKey, 'ec1', { ...claims, aud: ['rtcc', 'other'] }), keys, expectOk)).toThrow(/authorized party/);
    expect(verifyIdToken(signed('ES256', ec.privateKey, 'ec1', { ...claims, aud: ['rtcc', 'other'], azp: 'rtcc' }), keys, expectOk).sub).toBe('u1');
    expect(() => verifyIdToken(signed('ES256', ec.privateKey, 'ec1', { ...claims, iat: now + 3600 }), keys, expectOk)).toThrow(/future/);
    const tampered = signed('ES256', ec.privateKey, 'ec1').split('.');
    tampered[1] = b64({ ...claims, sub: 'admin' });
    expect(() => verifyIdToken(tampered.join('.'), keys, expectOk)).toThrow(/bad signature/);
  });

  it('trusts the provider\'s MFA only for amr mfa/otp', () => {
    const c = (amr?: string[]) => ({ ...claims, amr });
    expect([providerDidMfa(c(['pwd', 'mfa'])), providerDidMfa(c(['otp'])), providerDidMfa(c(['pwd'])), providerDidMfa(c())]).toEqual([true, true, false, false]);
  });
});

describe('OIDC role mapping', () => {
  const env = { OIDC_ISSUER: 'https://idp.example/', OIDC_CLIENT_ID: 'rtcc', OIDC_CLIENT_SECRET: 's', OIDC_ROLE_CLAIM: 'realm_access.roles' };
  it('is off unless issuer, client id and secret are set; a bad mapping fails loudly', () => {
    expect(oidcConfig({ OIDC_ISSUER: 'https://idp.example' })).toBeNull();
    expect(oidcConfig(env)?.issuer).toBe('https://idp.example');
    expect(() => oidcConfig({ ...env, OIDC_ROLE_MAP: 'x=wall_device' })).toThrow(/OIDC_ROLE_MAP/);
    expect(() => oidcConfig({ ...env, OIDC_ROLE_MAP: 'justaname' })).toThrow(/OIDC_ROLE_MAP/);
  });
  it('maps a nested claim to the strongest mapped role, and nothing without a mapping', () => {
    const cfg = oidcConfig({ ...env, OIDC_ROLE_MAP: 'ops=operator,det=detective,sup=supervisor' })!;
    expect(mapRole(cfg, { realm_access: { roles: ['ops', 'det'] } })).toBe('detective');
    expect(mapRole(cfg, { realm_access: { roles: 'sup' } })).toBe('supervisor');
    expect(mapRole(cfg, { realm_access: { roles: ['finance'] } })).toBeNull();
    expect(mapRole(oidcConfig(env)!, { realm_access: { roles: ['det'] } })).toBeNull();
  });
});
