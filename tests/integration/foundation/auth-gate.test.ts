import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { makeAgency, makeUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

let app: TestApp;
let user: { username: string; password: string };

beforeAll(async () => {
  app = await startTestApp();
  const agency = await makeAgency(app.db.pool);
  user = await makeUser(app.db.pool, agency.id, 'operator');
});
afterAll(async () => app?.stop());

describe('anonymous callers are refused everywhere', () => {
  it('redirects the console page to /login', async () => {
    const res = await fetch(`${app.url}/`, { redirect: 'manual' });
    expect([302, 303, 307, 308]).toContain(res.status);
    expect(res.headers.get('location')).toMatch(/\/login/);
  });

  it('refuses an anonymous socket with "unauthorized"', async () => {
    const socket = io(app.url, { transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    socket.close();
    expect(err.message).toBe('unauthorized');
  });

  it('refuses a wrong password with one message for every failure', async () => {
    const bad = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: 'wrong' }),
    });
    const unknown = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nobody-here', password: 'wrong' }),
    });
    expect(bad.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await bad.json()).error).toBe((await unknown.json()).error);
  });

  it('lets a signed-in user see the console and stores only a hash of the session token', async () => {
    const cookie = await app.login(user.username, user.password);
    const res = await fetch(`${app.url}/`, { headers: { cookie }, redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('RTCC');
    const token = decodeURIComponent(cookie.split('=')[1]!);
    const { rows } = await app.db.pool.query('SELECT token_hash FROM session');
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });

  it('ends the session on logout', async () => {
    const cookie = await app.login(user.username, user.password);
    const out = await fetch(`${app.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    const res = await fetch(`${app.url}/`, { headers: { cookie }, redirect: 'manual' });
    expect(res.headers.get('location')).toMatch(/\/login/);
  });
});
