import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, MfaRequiredError } from '@/lib/auth/login';
import { confirmMfa, enrollMfa } from '@/lib/auth/mfa';
import { clearFailures } from '@/lib/auth/lockout';
import { setMfaKey } from '@/lib/auth/secret-box';
import { createSession, resolveSession, touchDeviceSessions } from '@/lib/auth/sessions';
import { createWallDevice, deviceLogin } from '@/lib/auth/wall-device';
import { AppError } from '@/lib/platform/errors/app-error';
import { TokenBuckets } from '@/lib/platform/rate-limit';
import { makeAgency, makeUser } from '../../helpers/factories';
import { createTestDb, type TestDb } from '../../helpers/test-db';

let db: TestDb;
let agencyId: string;
beforeAll(async () => {
  db = await createTestDb();
  agencyId = (await makeAgency(db.pool)).id;
  setMfaKey(randomBytes(32)); // what server.ts loads at boot: TOTP seeds are stored encrypted
});
afterAll(async () => {
  setMfaKey(undefined);
  await db.drop();
});

const opts = { ttlHours: 12, ip: '127.0.0.9' };
const codeOf = (err: unknown) => (err instanceof AppError ? err.code : String(err));
const auditRows = async (action: string, label?: string) =>
  (
    await db.pool.query<{ outcome: string; details: Record<string, unknown>; actor_label: string }>(
      `SELECT outcome, details, actor_label FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR actor_label = $2) ORDER BY id`,
      [action, label ?? null],
    )
  ).rows;

describe('login hardening', () => {
  it('locks a username after 5 failures for 10 minutes, even with the right password, and unlocks', async () => {
    const u = await makeUser(db.pool, agencyId, 'operator');
    for (let i = 0; i < 5; i++) {
      await expect(login(db.pool, { username: u.username, password: 'wrong password' }, opts)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const locked = await login(db.pool, { username: u.username, password: u.password }, opts).catch((e: unknown) => e);
    expect(codeOf(locked)).toBe('RATE_LIMITED');
    expect((locked as AppError).retryAfterSeconds).toBeGreaterThan(9 * 60);
    const { rows } = await db.pool.query(`SELECT locked_until > now() + interval '9 minutes' AS ten FROM login_throttle WHERE username = lower($1)`, [u.username]);
    expect(rows[0].ten).toBe(true);

    // Time passes: the lock expires and the right password works again (and clears the count).
    await db.pool.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE username = lower($1)`, [u.username]);
    const ok = await login(db.pool, { username: u.username, password: u.password }, opts);
    expect(ok.user.username).toBe(u.username);
    expect((await db.pool.query('SELECT 1 FROM login_throttle WHERE username = lower($1)', [u.username])).rowCount).toBe(0);

    // An administrator's unlock clears a lock at once.
    for (let i = 0; i < 5; i++) await login(db.pool, { username: u.username, password: 'nope' }, opts).catch(() => {});
    expect(codeOf(await login(db.pool, { username: u.username, password: u.password }, opts).catch((e: unknown) => e))).toBe('RATE_LIMITED');
    expect(await clearFailures(db.pool, u.username)).toBe(true);
    await expect(login(db.pool, { username: u.username, password: u.password }, opts)).resolves.toBeTruthy();

    const rowsAudit = await auditRows('auth.login', u.username);
    expect(rowsAudit.filter((r) => r.outcome === 'deny' && r.details.reason === 'bad credentials')).toHaveLength(10);
    expect(rowsAudit.filter((r) => r.details.reason === 'locked')).toHaveLength(2);
    expect(rowsAudit.filter((r) => r.outcome === 'allow')).toHaveLength(2);
  });

  it('locks unknown usernames the same way (no user enumeration)', async () => {
    for (let i = 0; i < 5; i++) await login(db.pool, { username: 'nobody-here', password: 'x' }, opts).catch(() => {});
    expect(codeOf(await login(db.pool, { username: 'nobody-here', password: 'x' }, opts).catch((e: unknown) => e))).toBe('RATE_LIMITED');
  });

  it('rate-limits sign-in per client address', async () => {
    const limiter = new TokenBuckets({ ratePerSec: 1 / 60, burst: 3 });
    const u = await makeUser(db.pool, agencyId, 'operator');
    for (let i = 0; i < 3; i++) await login(db.pool, { username: u.username, password: u.password }, { ...opts, ip: '10.0.0.1', limiter });
    const err = await login(db.pool, { username: u.username, password: u.password }, { ...opts, ip: '10.0.0.1', limiter }).catch((e: unknown) => e);
    expect(codeOf(err)).toBe('RATE_LIMITED');
    // Another address is not affected.
    await expect(login(db.pool, { username: u.username, password: u.password }, { ...opts, ip: '10.0.0.2', limiter })).resolves.toBeTruthy();
  });

  it('refuses a session idle for 30 minutes (and audits it once), a wall device’s too unless its socket keeps it alive', async () => {
    const u = await makeUser(db.pool, agencyId, 'detective');
    const s = await createSession(db.pool, u.id, 12, {});
    expect(await resolveSession(db.pool, s.token)).toMatchObject({ username: u.username });
    await db.pool.query(`UPDATE session SET last_seen_at = now() - interval '29 minutes' WHERE user_id = $1`, [u.id]);
    expect(await resolveSession(db.pool, s.token)).not.toBeNull(); // activity resets the idle clock
    await db.pool.query(`UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [u.id]);
    expect(await resolveSession(db.pool, s.token, { ip: '127.0.0.5' })).toBeNull();
    expect(await resolveSession(db.pool, s.token)).toBeNull();
    const refused = await auditRows('auth.session_refused', u.username);
    expect(refused).toEqual([expect.objectContaining({ outcome: 'deny', details: { reason: 'idle lock' } })]);

    const device = await createWallDevice(db.pool, agencyId, 'Wall 1');
    const dl = await deviceLogin(db.pool, { token: device.token }, opts);
    expect(dl.user.role).toBe('wall_device');
    // An open kiosk socket is its activity (the gateway's sweep touches it); without it the idle lock applies.
    await db.pool.query(`UPDATE session SET last_seen_at = now() - interval '29 minutes' WHERE user_id = $1`, [device.userId]);
    await touchDeviceSessions(db.pool, [dl.user.sessionId]);
    await db.pool.query(`UPDATE session SET last_seen_at = last_seen_at - interval '29 minutes' WHERE user_id = $1`, [device.userId]);
    expect(await resolveSession(db.pool, dl.token)).toMatchObject({ role: 'wall_device' });
    await db.pool.query(`UPDATE session SET last_seen_at = now() - interval '5 hours' WHERE user_id = $1`, [device.userId]);
    expect(await resolveSession(db.pool, dl.token)).toBeNull();
    await expect(deviceLogin(db.pool, { token: `${device.token}x` }, opts)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // A device has no password to sign in with.
    await expect(login(db.pool, { username: dl.user.username, password: '!' }, opts)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('requires re-authentication 12 hours after sign-in, whatever the activity', async () => {
    const u = await makeUser(db.pool, agencyId, 'operator');
    const s = await createSession(db.pool, u.id, 24, {});
    expect(s.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(12 * 3600_000);
    await db.pool.query(`UPDATE session SET created_at = now() - interval '12 hours 1 minute', expires_at = now() + interval '1 hour' WHERE user_id = $1`, [u.id]);
    expect(await resolveSession(db.pool, s.token)).toBeNull();
    expect((await auditRows('auth.session_refused', u.username))[0]?.details).toEqual({ reason: 'expired: re-authentication required' });
  });

  it('enrols TOTP, then requires the code at sign-in and refuses a replayed code', async () => {
    const u = await makeUser(db.pool, agencyId, 'supervisor');
    const first = await login(db.pool, { username: u.username, password: u.password }, opts);
    expect(first.user.mfa).toBe(false);
    const { secret, otpauthUri } = await enrollMfa(db.pool, first.user, null);
    expect(otpauthUri).toMatch(new RegExp(`^otpauth://totp/RTCC:${u.username}\\?secret=${secret}`));
    await expect(confirmMfa(db.pool, first.user, { code: '000000' }, null)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const code = await generate({ secret });
    await confirmMfa(db.pool, first.user, { code }, null);
    await expect(enrollMfa(db.pool, first.user, null)).rejects.toMatchObject({ code: 'CONFLICT' });

    const missing = await login(db.pool, { username: u.username, password: u.password }, opts).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MfaRequiredError);
    // The code used to confirm cannot be used again (same time step).
    await expect(login(db.pool, { username: u.username, password: u.password, code }, opts)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // Next time step's code works once.
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const ok = await login(db.pool, { username: u.username, password: u.password, code: next }, opts);
    expect(ok.user.mfa).toBe(true);
    await expect(login(db.pool, { username: u.username, password: u.password, code: next }, opts)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const rows = await auditRows('auth.mfa.confirm', u.username);
    expect(rows.map((r) => r.outcome)).toEqual(['deny', 'allow']);
  });
});

describe('live sessions for sockets', () => {
  it('filterLiveSessions drops idle sessions without refreshing the others', async () => {
    const { filterLiveSessions } = await import('@/lib/auth/sessions');
    const a = await makeUser(db.pool, agencyId, 'operator');
    const b = await makeUser(db.pool, agencyId, 'operator');
    await createSession(db.pool, a.id, 12, {});
    await createSession(db.pool, b.id, 12, {});
    const ids = (await db.pool.query<{ id: string; user_id: string }>('SELECT id, user_id FROM session WHERE user_id = ANY($1::uuid[])', [[a.id, b.id]])).rows;
    await db.pool.query(`UPDATE session SET last_seen_at = now() - interval '20 minutes' WHERE user_id = $1`, [a.id]);
    await db.pool.query(`UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [b.id]);
    const live = await filterLiveSessions(db.pool, ids.map((r) => r.id));
    expect([...live]).toEqual([ids.find((r) => r.user_id === a.id)!.id]);
    const seen = (await db.pool.query(`SELECT last_seen_at < now() - interval '19 minutes' AS old FROM session WHERE user_id = $1`, [a.id])).rows[0];
    expect(seen.old).toBe(true);
  });
});
