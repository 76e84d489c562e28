import crypto from 'node:crypto';
import { generate, generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal } from '@/lib/auth/secret-box';
import { startOidcProvider, type NextSignIn, type OidcProvider } from '../../helpers/oidc-provider';
import { startTestApp, type TestApp } from '../../helpers/test-app';

// Directory sign-in against a real OpenID provider on node:http (tests/helpers/oidc-provider.ts):
// code flow with PKCE, state and nonce; ID token checked; user bound by `sub`; role from the claim mapping.
let app: TestApp;
let idp: OidcProvider;
const mfaKey = crypto.randomBytes(32);

beforeAll(async () => {
  idp = await startOidcProvider();
  app = await startTestApp({
    OIDC_ISSUER: idp.url,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_ROLE_CLAIM: 'groups',
    OIDC_ROLE_MAP: 'rtcc-detectives=detective,rtcc-supervisors=supervisor',
    OIDC_DISPLAY_NAME: 'City Directory',
    MFA_ENCRYPTION_KEY: mfaKey.toString('base64'),
  });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await idp?.stop();
});

const cookiesOf = (res: Response) => new Map(res.headers.getSetCookie().map((c) => { const [kv] = c.split(';'); const i = kv!.indexOf('='); return [kv!.slice(0, i), kv!.slice(i + 1)] as const; }));

/** Browser walk: start → provider → callback (cookies carried by hand). Returns the callback response. */
async function signIn(who: NextSignIn, mangle?: (callback: URL) => void, dropStateCookie = false): Promise<Response> {
  idp.next = who;
  const start = await fetch(`${app.url}/api/auth/oidc/start`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const state = cookiesOf(start).get('rtcc_oidc');
  expect(start.headers.getSetCookie()[0]).toMatch(/HttpOnly/i);
  const authorize = new URL(start.headers.get('location')!);
  expect(authorize.origin).toBe(idp.url);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  const back = await fetch(authorize, { redirect: 'manual' });
  expect(back.status).toBe(302);
  const callback = new URL(back.headers.get('location')!);
  expect(callback.href.startsWith(`${app.url}/api/auth/oidc/callback?`)).toBe(true);
  mangle?.(callback);
  return fetch(callback, { redirect: 'manual', headers: dropStateCookie ? {} : { cookie: `rtcc_oidc=${state}` } });
}

const userBySub = async (sub: string) =>
  (await app.db.pool.query<{ id: string; username: string; role: string }>(
    'SELECT u.id, u.username, u.role FROM user_identity i JOIN app_user u ON u.id = i.user_id WHERE i.issuer = $1 AND i.subject = $2',
    [idp.url, sub],
  )).rows[0];

describe('OIDC sign-in', () => {
  it('offers "Sign in with City Directory" on the login page', async () => {
    const html = await (await fetch(`${app.url}/login`)).text();
    expect(html).toMatch(/Sign in with (<!-- -->)?City Directory/);
    expect(html).toContain('href="/api/auth/oidc/start"');
  });

  it('provisions a user by sub with the mapped role; the provider\'s MFA counts; the role follows the directory', async () => {
    const sub = `sub-${crypto.randomUUID()}`;
    const res = await signIn({ sub, amr: ['pwd', 'mfa'], claims: { preferred_username: 'admin', name: 'Det. Directory', groups: ['staff', 'rtcc-detectives'] } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.text()).toContain('url=/');
    const session = cookiesOf(res).get('rtcc_session');
    expect(session).toBeTruthy();
    expect(res.headers.getSetCookie().find((c) => c.startsWith('rtcc_session='))).toMatch(/SameSite=strict/i);
    const cookie = `rtcc_session=${session}`;
    expect((await fetch(`${app.url}/api/cases`, { headers: { cookie } })).status).toBe(200); // detective
    expect((await fetch(`${app.url}/api/audit`, { headers: { cookie } })).status).toBe(403); // not admin

    const u = await userBySub(sub);
    // Never matched to the local "admin" by name.
    expect(u).toMatchObject({ username: 'oidc:admin', role: 'detective' });
    const { rows } = await app.db.pool.query<{ action: string; outcome: string; details: Record<string, unknown> }>(
      `SELECT action, outcome, details FROM audit_log WHERE action LIKE 'auth.%' AND (actor_user_id = $1::uuid OR target_id = $1::text) ORDER BY id`,
      [u!.id],
    );
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([['auth.oidc.provision', 'allow'], ['auth.login', 'allow']]);
    expect(rows[1]!.details).toEqual({ method: 'oidc', mfa: 'idp' });

    const again = await signIn({ sub, amr: ['mfa'], claims: { groups: ['rtcc-supervisors', 'rtcc-detectives'] } });
    expect(again.status).toBe(200);
    expect(await userBySub(sub)).toMatchObject({ id: u!.id, role: 'supervisor' });
    expect(idp.tokenRequests).toBeGreaterThanOrEqual(2);
  });

  it('refuses a directory account with no mapped role: 403 with a clear message, nobody created', async () => {
    const sub = `sub-${crypto.randomUUID()}`;
    const res = await signIn({ sub, amr: ['mfa'], claims: { groups: ['finance'] } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('no RTCC role');
    expect(cookiesOf(res).get('rtcc_session')).toBeUndefined();
    expect(await userBySub(sub)).toBeUndefined();
    const denied = await app.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'auth.login' AND outcome = 'deny' AND target_id = $1`, [sub]);
    expect(denied.rowCount).toBe(1);
  });

  it('refuses a forged state, a missing state cookie and every bad ID token', async () => {
    const who = (tamper?: NextSignIn['tamper']) => ({ sub: `sub-${crypto.randomUUID()}`, amr: ['mfa'], claims: { groups: ['rtcc-detectives'] }, tamper });
    // One at a time: the provider signs in whoever `idp.next` names.
    const cases: [() => Promise<Response>, RegExp][] = [
      [() => signIn(who(), (cb) => cb.searchParams.set('state', 'forged')), /state mismatch/],
      [() => signIn(who(), undefined, true), /expired or was started in another browser/],
      [() => signIn(who('wrong-nonce')), /ID token rejected: wrong nonce/],
      [() => signIn(who('wrong-aud')), /ID token rejected: wrong audience/],
      [() => signIn(who('wrong-iss')), /ID token rejected: wrong issuer/],
      [() => signIn(who('expired')), /ID token rejected: expired/],
      [() => signIn(who('other-key')), /ID token rejected: bad signature/],
      [() => signIn(who('alg-none')), /ID token rejected: algorithm none not accepted/],
    ];
    for (const [run, why] of cases) {
      const res = await run();
      const text = await res.text();
      expect(res.status, text).toBe(400);
      expect(text).toMatch(why);
      expect(cookiesOf(res).get('rtcc_session')).toBeUndefined();
    }
  });

  it('asks for our TOTP when the provider did no MFA and the user has it enrolled', async () => {
    const sub = `sub-${crypto.randomUUID()}`;
    const first = await signIn({ sub, amr: ['pwd'], claims: { groups: ['rtcc-detectives'] } });
    expect(first.status).toBe(200); // no TOTP enrolled: signed in, without MFA
    const u = (await userBySub(sub))!;
    const secret = generateSecret();
    await app.db.pool.query('INSERT INTO user_mfa (user_id, secret, enabled) VALUES ($1, $2, true)', [u.id, seal(secret, `totp:${u.id}`, mfaKey)]);

    const res = await signIn({ sub, amr: ['pwd'], claims: { groups: ['rtcc-detectives'] } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('url=/login?step=oidc-code');
    expect(cookiesOf(res).get('rtcc_session')).toBeUndefined();
    const pending = `rtcc_oidc_mfa=${cookiesOf(res).get('rtcc_oidc_mfa')}`;
    const post = (code: string, cookie = pending) =>
      fetch(`${app.url}/api/auth/oidc/mfa`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ code }) });
    const code = await generate({ secret });
    expect((await post(code, 'rtcc_oidc_mfa=forged')).status).toBe(401);
    expect((await post(code === '000000' ? '111111' : '000000')).status).toBe(401);
    const ok = await post(code);
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(((await ok.json()) as { user: { id: string; mfa: boolean } }).user).toMatchObject({ id: u.id, mfa: true });
    expect(cookiesOf(ok).get('rtcc_session')).toBeTruthy();

    const page = await (await fetch(`${app.url}/login?step=oidc-code`)).text();
    expect(page).toContain('Authentication code');
  });
});
