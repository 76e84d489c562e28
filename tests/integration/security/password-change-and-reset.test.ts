import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

// A user changes their own password; an admin resets one to a temporary password, which must be changed at the
// first sign-in (nothing else is allowed until then) and stops working when it expires unused.
let app: TestApp;
let adminCookie: string;
let agencyId: string;

beforeAll(async () => {
  app = await startTestApp();
  ({ agencyId, cookie: adminCookie } = await app.signIn('admin'));
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const login = (username: string, password: string) =>
  fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
const send = (method: string, p: string, cookie: string, body?: unknown) =>
  fetch(`${app.url}${p}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('password change and reset', () => {
  it('a user changes their own password: the current one is required, the old one stops working, it is audited', async () => {
    const u = await app.signIn('operator', agencyId);
    const { cookie } = u;
    const wrong = await send('POST', '/api/account/password', cookie, { currentPassword: 'not-my-password', newPassword: 'a brand new passphrase 1' });
    expect(wrong.status).toBe(403);
    const weak = await send('POST', '/api/account/password', cookie, { currentPassword: u.password, newPassword: 'short' });
    expect(weak.status).toBe(400);
    const ok = await send('POST', '/api/account/password', cookie, { currentPassword: u.password, newPassword: 'a brand new passphrase 1' });
    expect(ok.status, await ok.clone().text()).toBe(204);
    expect((await login(u.username, u.password)).status).toBe(401);
    expect((await login(u.username, 'a brand new passphrase 1')).status).toBe(200);
    const rows = await app.db.pool.query(`SELECT outcome FROM audit_log WHERE actor_user_id = $1 AND action = 'account.password.change' ORDER BY id`, [u.id]);
    expect(rows.rows.map((r) => r.outcome)).toEqual(['deny', 'allow']);
  });

  it('an admin reset issues a temporary password that must be changed at first sign-in', async () => {
    const u = await makeUser(app.db.pool, agencyId, 'detective');
    const reset = await send('POST', `/api/admin/users/${u.id}/reset-password`, adminCookie);
    expect(reset.status, await reset.clone().text()).toBe(200);
    const { temporaryPassword } = (await reset.json()) as { temporaryPassword: string };
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect((await login(u.username, u.password)).status).toBe(401);

    const first = await login(u.username, temporaryPassword);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { mustChangePassword?: boolean }).mustChangePassword).toBe(true);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    // Until it is changed, nothing but the account itself.
    expect((await send('GET', '/api/incidents', cookie)).status).toBe(403);
    expect((await send('GET', '/api/cases', cookie)).status).toBe(403);
    const changed = await send('POST', '/api/account/password', cookie, { currentPassword: temporaryPassword, newPassword: 'my own chosen passphrase' });
    expect(changed.status, await changed.clone().text()).toBe(204);
    expect((await send('GET', '/api/cases', cookie)).status).toBe(200);
    const again = await login(u.username, 'my own chosen passphrase');
    expect(((await again.json()) as { mustChangePassword?: boolean }).mustChangePassword).toBeFalsy();
  });

  it('a temporary password expires unused; a new user gets one too', async () => {
    const created = await send('POST', '/api/admin/users', adminCookie, { username: uid('new'), displayName: 'New User', role: 'operator' });
    expect(created.status).toBe(201);
    const { user, temporaryPassword } = (await created.json()) as { user: { id: string; username: string }; temporaryPassword: string };
    await app.db.pool.query(`UPDATE app_user SET password_expires_at = now() - interval '1 minute' WHERE id = $1`, [user.id]);
    const expired = await login(user.username, temporaryPassword);
    expect(expired.status).toBe(401);
    expect(await expired.text()).toMatch(/expired/i);
  });
});
