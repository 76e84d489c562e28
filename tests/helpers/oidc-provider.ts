import crypto from 'node:crypto';
import http from 'node:http';

/** Who signs in at the provider next, and how the provider misbehaves (to test that the app refuses it). */
export interface NextSignIn {
  sub: string;
  claims?: Record<string, unknown>;
  amr?: string[];
  tamper?: 'wrong-nonce' | 'wrong-aud' | 'expired' | 'other-key' | 'alg-none' | 'wrong-iss';
}

export interface OidcProvider {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Set before each sign-in. */
  next: NextSignIn;
  /** Token requests that passed PKCE and client authentication. */
  tokenRequests: number;
  stop: () => Promise<void>;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * A small but real OpenID provider on node:http: discovery, JWKS, /authorize (signs the configured user in at
 * once and redirects back with a code) and /token (client_secret_basic, PKCE S256, one-time codes, RS256 ID
 * tokens). It checks what a real provider checks, so a client that skips PKCE or sends the wrong secret fails.
 */
export async function startOidcProvider(clientId = 'rtcc-console', clientSecret = crypto.randomBytes(16).toString('hex')): Promise<OidcProvider> {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = crypto.randomBytes(6).toString('hex');
  const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string; who: NextSignIn }>();
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const provider: OidcProvider = { url, clientId, clientSecret, next: { sub: 'nobody' }, tokenRequests: 0, stop: () => new Promise((r) => server.close(() => r())) };

  const sign = (claims: Record<string, unknown>, t: NextSignIn['tamper']) => {
    const header = { alg: t === 'alg-none' ? 'none' : 'RS256', typ: 'JWT', kid };
    const input = `${b64(header)}.${b64(claims)}`;
    if (t === 'alg-none') return `${input}.`;
    return `${input}.${crypto.sign('sha256', Buffer.from(input), t === 'other-key' ? stranger : privateKey).toString('base64url')}`;
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  server.on('request', (req, res) => {
    const u = new URL(req.url ?? '/', url);
    if (u.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: url,
        authorization_endpoint: `${url}/authorize`,
        token_endpoint: `${url}/token`,
        jwks_uri: `${url}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (u.pathname === '/jwks') return json(res, 200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] });
    if (u.pathname === '/authorize') {
      const q = u.searchParams;
      if (q.get('client_id') !== clientId || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('nonce') || !q.get('scope')?.split(' ').includes('openid')) {
        return json(res, 400, { error: 'invalid_request' });
      }
      const code = crypto.randomBytes(16).toString('base64url');
      codes.set(code, { challenge: q.get('code_challenge')!, nonce: q.get('nonce')!, redirectUri: q.get('redirect_uri')!, who: provider.next });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (u.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':').map(decodeURIComponent);
        if (id !== clientId || secret !== clientSecret) return json(res, 401, { error: 'invalid_client' });
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (!grant || form.get('grant_type') !== 'authorization_code' || form.get('redirect_uri') !== grant.redirectUri) return json(res, 400, { error: 'invalid_grant' });
        if (crypto.createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE' });
        provider.tokenRequests++;
        const now = Math.floor(Date.now() / 1000);
        const t = grant.who.tamper;
        const claims = {
          iss: t === 'wrong-iss' ? `${url}/other` : url,
          sub: grant.who.sub,
          aud: t === 'wrong-aud' ? 'someone-else' : clientId,
          iat: now - (t === 'expired' ? 7200 : 0),
          exp: now + (t === 'expired' ? -3600 : 300),
          nonce: t === 'wrong-nonce' ? 'not-the-nonce' : grant.nonce,
          ...(grant.who.amr ? { amr: grant.who.amr } : {}),
          ...grant.who.claims,
        };
        json(res, 200, { access_token: crypto.randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: sign(claims, t) });
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  return provider;
}
