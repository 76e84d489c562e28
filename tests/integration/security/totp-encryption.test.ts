import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate, generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '@/lib/auth/login';
import { confirmMfa, enrollMfa } from '@/lib/auth/mfa';
import { loadMfaKey, setMfaKey } from '@/lib/auth/secret-box';
import { makeAgency, makeUser } from '../../helpers/factories';
import { createTestDb, type TestDb } from '../../helpers/test-db';
import { startTestApp, type TestApp } from '../../helpers/test-app';

// TOTP seeds at rest: AES-256-GCM under MFA_ENCRYPTION_KEY or a key generated once into DATA_DIR.
let db: TestDb;
let agencyId: string;
let tmp: string;
const opts = { ttlHours: 12, ip: null };
const stored = async (userId: string) => (await db.pool.query<{ secret: string }>('SELECT secret FROM user_mfa WHERE user_id = $1', [userId])).rows[0]!.secret;
const nextStep = () => Math.floor(Date.now() / 1000) + 30;

beforeAll(async () => {
  db = await createTestDb();
  agencyId = (await makeAgency(db.pool)).id;
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-mfa-key-'));
});
afterAll(async () => {
  setMfaKey(undefined);
  await db?.drop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

describe('TOTP secrets encrypted at rest', () => {
  it('stores the seed encrypted, bound to its user; sign-in with a code still works', async () => {
    setMfaKey(crypto.randomBytes(32));
    const u = await makeUser(db.pool, agencyId, 'detective');
    const first = await login(db.pool, { username: u.username, password: u.password }, opts);
    const { secret } = await enrollMfa(db.pool, first.user, null);
    const column = await stored(u.id);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(column).toMatch(/^enc:v1:/);
    expect(column).not.toContain(secret);
    expect(Buffer.from(column.split(':').pop()!, 'base64url').toString('latin1')).not.toContain(secret);
    await confirmMfa(db.pool, first.user, { code: await generate({ secret }) }, null);
    const ok = await login(db.pool, { username: u.username, password: u.password, code: await generate({ secret, epoch: nextStep() }) }, opts);
    expect(ok.user.mfa).toBe(true);

    // The ciphertext copied onto another user's row opens for nobody: the user id is authenticated data.
    const v = await makeUser(db.pool, agencyId, 'detective');
    await db.pool.query('INSERT INTO user_mfa (user_id, secret, enabled) VALUES ($1, $2, true)', [v.id, column]);
    const stolen = login(db.pool, { username: v.username, password: v.password, code: await generate({ secret, epoch: nextStep() + 30 }) }, opts);
    await expect(stolen).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    // Under another key the stored seed accepts no code.
    setMfaKey(crypto.randomBytes(32));
    const wrongKey = login(db.pool, { username: u.username, password: u.password, code: await generate({ secret, epoch: nextStep() + 60 }) }, opts);
    await expect(wrongKey).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('generates the embedded-mode key once into DATA_DIR (0600) and reuses it; a bad env key is refused', async () => {
    const a = await loadMfaKey({ dataDir: tmp });
    const b = await loadMfaKey({ dataDir: tmp });
    expect([a.source, b.source]).toEqual(['generated', 'file']);
    expect(a.key.equals(b.key)).toBe(true);
    expect(a.key).toHaveLength(32);
    expect((await fs.stat(path.join(tmp, 'mfa-key'))).mode & 0o777).toBe(0o600);
    const env = crypto.randomBytes(32);
    expect((await loadMfaKey({ dataDir: tmp, envKey: env.toString('base64') })).key.equals(env)).toBe(true);
    await expect(loadMfaKey({ dataDir: tmp, envKey: Buffer.alloc(16).toString('base64') })).rejects.toThrow(/32 bytes/);
  });
});

describe('upgrade from clear-text seeds', () => {
  let app: TestApp;
  afterAll(async () => {
    await app?.stop();
  });

  it('encrypts old clear-text enrolments at boot, and they still sign in with TOTP', async () => {
    const u = await makeUser(db.pool, agencyId, 'supervisor');
    const secret = generateSecret();
    await db.pool.query('INSERT INTO user_mfa (user_id, secret, enabled, confirmed_at) VALUES ($1, $2, true, now())', [u.id, secret]);
    const dataDir = path.join(tmp, 'app');
    app = await startTestApp({ DATA_DIR: dataDir, MFA_ENCRYPTION_KEY: '' }, db);
    const column = await stored(u.id);
    expect(column).toMatch(/^enc:v1:/);
    expect(column).not.toContain(secret);
    const key = (await fs.readFile(path.join(dataDir, 'mfa-key'), 'utf8')).trim();
    expect(app.output()).toContain('encrypted 1 TOTP secret(s)');
    expect(app.output()).toContain('mfa-key');
    expect(app.output()).not.toContain(key);

    const res = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u.username, password: u.password, code: await generate({ secret }) }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { user: { mfa: boolean } }).user.mfa).toBe(true);
  });
});
