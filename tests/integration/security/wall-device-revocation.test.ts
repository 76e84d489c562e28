import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** A lost wall-device token can be revoked from the users list too, and device sessions lock when idle. */
let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.signIn('admin')).cookie;
});
afterAll(async () => app?.stop());

async function newDevice(): Promise<{ id: string; token: string; userId: string }> {
  const res = await fetch(`${app.url}/api/admin/wall-devices`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Lobby wall' }) });
  expect(res.status).toBe(201);
  const d = (await res.json()) as { id: string; token: string };
  const { rows } = await app.db.pool.query<{ user_id: string }>('SELECT user_id FROM wall_device WHERE id = $1', [d.id]);
  return { ...d, userId: rows[0]!.user_id };
}

const deviceLogin = (token: string) =>
  fetch(`${app.url}/api/auth/device`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;

describe('wall device tokens', () => {
  it('disabling the device user revokes its token and ends its sessions', async () => {
    const d = await newDevice();
    const login = await deviceLogin(d.token);
    expect(login.status).toBe(200);
    const session = cookieOf(login);
    expect((await fetch(`${app.url}/api/wall`, { headers: { cookie: session } })).status).toBe(200);

    const res = await fetch(`${app.url}/api/admin/users/${d.userId}`, { method: 'PATCH', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ disabled: true }) });
    expect(res.status, await res.text()).toBe(200);
    const { rows } = await app.db.pool.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM wall_device WHERE id = $1', [d.id]);
    expect(rows[0]!.revoked_at).toBeInstanceOf(Date);
    expect((await fetch(`${app.url}/api/wall`, { headers: { cookie: session } })).status).toBe(401);
    expect((await deviceLogin(d.token)).status).toBe(401);
    const audited = await app.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'admin.wall_device.revoke' AND target_id = $1`, [d.id]);
    expect(audited.rowCount).toBe(1);
  });

  it('a device session that has been idle past the idle lock is refused', async () => {
    const d = await newDevice();
    const session = cookieOf(await deviceLogin(d.token));
    expect((await fetch(`${app.url}/api/wall`, { headers: { cookie: session } })).status).toBe(200);
    await app.db.pool.query(`UPDATE session SET last_seen_at = now() - interval '2 hours' WHERE user_id = $1`, [d.userId]);
    expect((await fetch(`${app.url}/api/wall`, { headers: { cookie: session } })).status).toBe(401);
  });
});
