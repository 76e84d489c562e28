import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserAdminDto } from '@/lib/domain/user-admin';
import { makeAgency, makeUser, uid } from '@/tests/helpers/factories';
import { startTestApp, type TestApp } from '@/tests/helpers/test-app';
import { apiCall, auditActions } from './helpers';

/** Users and roles through the real server: create with a one-time password, role change, lockout, MFA reset. */
let app: TestApp;
let admin: ReturnType<typeof apiCall>;
let adminId: string;
let agencyId: string;

beforeAll(async () => {
  app = await startTestApp({ LOGIN_RATE_PER_MIN: '100000', LOGIN_BURST: '100000' });
  agencyId = (await makeAgency(app.db.pool)).id;
  const u = await makeUser(app.db.pool, agencyId, 'admin');
  adminId = u.id;
  admin = apiCall(app, await app.login(u.username, u.password));
});
afterAll(async () => {
  await app?.stop();
});

const login = (username: string, password: string) =>
  fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

async function createUser(role = 'operator'): Promise<{ user: UserAdminDto; temporaryPassword: string }> {
  const res = await admin('/api/admin/users', { method: 'POST', body: { username: uid('user'), displayName: 'Jane Doe', role } });
  expect(res.status).toBe(201);
  return (await res.json()) as { user: UserAdminDto; temporaryPassword: string };
}

describe('admin users API', () => {
  it('creates a user with a temporary password that signs in; the list never carries it', async () => {
    const { user, temporaryPassword } = await createUser('detective');
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(20);
    expect(user).toMatchObject({ role: 'detective', mfaEnrolled: false, lockedUntil: null, lastLoginAt: null, disabled: false });
    expect((await login(user.username, temporaryPassword)).status).toBe(200);
    const list = await admin('/api/admin/users');
    const text = await list.text();
    expect(text).not.toContain(temporaryPassword);
    const row = (JSON.parse(text) as { users: UserAdminDto[] }).users.find((u) => u.id === user.id)!;
    expect(row.lastLoginAt).not.toBeNull();
    expect(await auditActions(app, user.id)).toContain('admin.user.create');
    const { rows } = await app.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'admin.user.list' AND actor_user_id = $1`, [adminId]);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('names the bad field and refuses duplicates regardless of case, and the wall_device role', async () => {
    const bad = await admin('/api/admin/users', { method: 'POST', body: { username: 'a b', displayName: '', role: 'wall_device' } });
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['displayName', 'role', 'username']);
    const { user } = await createUser();
    const dup = await admin('/api/admin/users', { method: 'POST', body: { username: user.username.toUpperCase(), displayName: 'X', role: 'operator' } });
    expect(dup.status).toBe(409);
  });

  it('a role change applies to the open session at once; an admin cannot change their own role', async () => {
    const { user, temporaryPassword } = await createUser('operator');
    const res = await login(user.username, temporaryPassword);
    const theirs = apiCall(app, (res.headers.get('set-cookie') ?? '').split(';')[0]!);
    // A temporary password allows nothing else until it is changed.
    expect((await theirs('/api/account/password', { method: 'POST', body: { currentPassword: temporaryPassword, newPassword: 'operator own passphrase' } })).status).toBe(204);
    expect((await theirs('/api/admin/users')).status).toBe(403);
    const patch = await admin(`/api/admin/users/${user.id}`, { method: 'PATCH', body: { role: 'admin' } });
    expect(patch.status).toBe(200);
    expect((await theirs('/api/admin/users')).status).toBe(200);
    const { rows } = await app.db.pool.query<{ details: { before: { role: string }; after: { role: string } } }>(
      `SELECT details FROM audit_log WHERE action = 'admin.user.role' AND target_id = $1`,
      [user.id],
    );
    expect(rows[0]?.details.before.role).toBe('operator');
    expect(rows[0]?.details.after.role).toBe('admin');
    const self = await admin(`/api/admin/users/${adminId}`, { method: 'PATCH', body: { role: 'operator' } });
    expect(self.status).toBe(409);
    expect(((await self.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('role');
  });

  it('shows a locked account and unlocks it', async () => {
    const { user, temporaryPassword } = await createUser();
    for (let i = 0; i < 5; i++) expect((await login(user.username, 'wrong-password-123')).status).toBe(401);
    expect((await login(user.username, temporaryPassword)).status).toBe(429);
    const list = (await (await admin('/api/admin/users')).json()) as { users: UserAdminDto[] };
    const locked = list.users.find((u) => u.id === user.id)!;
    expect(Date.parse(locked.lockedUntil!)).toBeGreaterThan(Date.now());
    const res = await admin(`/api/admin/users/${user.id}/unlock`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: UserAdminDto }).user.lockedUntil).toBeNull();
    expect((await login(user.username, temporaryPassword)).status).toBe(200);
    expect(await auditActions(app, user.id)).toContain('admin.user.unlock');
  });

  it('resetting MFA drops the second factor and ends the sessions; disabling refuses sign-in', async () => {
    const { user, temporaryPassword } = await createUser();
    const theirs = apiCall(app, ((await login(user.username, temporaryPassword)).headers.get('set-cookie') ?? '').split(';')[0]!);
    await app.db.pool.query(`INSERT INTO user_mfa (user_id, secret, enabled, confirmed_at) VALUES ($1, 'JBSWY3DPEHPK3PXP', true, now())`, [user.id]);
    expect((await login(user.username, temporaryPassword)).status).toBe(401); // a code is now required
    const res = await admin(`/api/admin/users/${user.id}/reset-mfa`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: UserAdminDto }).user.mfaEnrolled).toBe(false);
    expect((await theirs('/api/incidents')).status).toBe(401);
    expect((await login(user.username, temporaryPassword)).status).toBe(200);

    expect((await admin(`/api/admin/users/${user.id}`, { method: 'PATCH', body: { disabled: true } })).status).toBe(200);
    expect((await login(user.username, temporaryPassword)).status).toBe(401);
    expect(await auditActions(app, user.id)).toEqual(expect.arrayContaining(['admin.user.reset_mfa', 'admin.user.disable']));
  });

  it("an agency admin cannot reset the MFA of, unlock or change a platform administrator of their own agency", async () => {
    const platform = await makeUser(app.db.pool, agencyId, 'platform_admin');
    await app.db.pool.query(`INSERT INTO user_mfa (user_id, secret, enabled, confirmed_at) VALUES ($1, 'JBSWY3DPEHPK3PXP', true, now())`, [platform.id]);
    for (let i = 0; i < 5; i++) expect((await login(platform.username, 'wrong-password-123')).status).toBe(401);
    expect((await admin(`/api/admin/users/${platform.id}/reset-mfa`, { method: 'POST' })).status).toBe(403);
    expect((await admin(`/api/admin/users/${platform.id}/unlock`, { method: 'POST' })).status).toBe(403);
    expect((await admin(`/api/admin/users/${platform.id}`, { method: 'PATCH', body: { disabled: true } })).status).toBe(403);
    const mfa = await app.db.pool.query('SELECT 1 FROM user_mfa WHERE user_id = $1 AND enabled', [platform.id]);
    expect(mfa.rowCount).toBe(1);
    const lock = await app.db.pool.query('SELECT 1 FROM login_throttle WHERE username = lower($1) AND locked_until > now()', [platform.username]);
    expect(lock.rowCount).toBe(1);
    expect(await auditActions(app, platform.id)).not.toEqual(expect.arrayContaining(['admin.user.reset_mfa']));
  });

  it("another agency's user is not found", async () => {
    const other = await makeUser(app.db.pool, (await makeAgency(app.db.pool)).id);
    expect((await admin(`/api/admin/users/${other.id}`, { method: 'PATCH', body: { role: 'admin' } })).status).toBe(404);
    expect((await admin(`/api/admin/users/${other.id}/unlock`, { method: 'POST' })).status).toBe(404);
    expect((await admin(`/api/admin/users/${other.id}/reset-mfa`, { method: 'POST' })).status).toBe(404);
    const otherPlatform = await makeUser(app.db.pool, (await makeAgency(app.db.pool)).id, 'platform_admin');
    expect((await admin(`/api/admin/users/${otherPlatform.id}/reset-mfa`, { method: 'POST' })).status).toBe(404);
    expect((await admin(`/api/admin/users/${otherPlatform.id}/unlock`, { method: 'POST' })).status).toBe(404);
  });
});
