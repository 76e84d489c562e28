import crypto from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { z } from 'zod';
import { audit } from '@/lib/audit/audit';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { createSession, hashToken, resolveSession } from './sessions';
import type { SessionUser } from './session-user';

export const ZDeviceLogin = z.strictObject({ token: z.string().min(20).max(200) });

/**
 * Register a video-wall kiosk: a read-only `wall_device` user bound to a random device token (only its sha256 is
 * stored). The token is returned once, to be configured on the kiosk.
 */
export async function createWallDevice(
  pool: pg.Pool,
  agencyId: string,
  name: string,
): Promise<{ id: string; userId: string; token: string }> {
  const token = `wd_${crypto.randomBytes(32).toString('base64url')}`;
  const id = crypto.randomUUID();
  const userId = crypto.randomUUID();
  await withTransaction(pool, async (client) => {
    // '!' is no argon2 hash: password sign-in can never succeed for a device.
    await client.query(
      `INSERT INTO app_user (id, agency_id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, 'wall_device', '!')`,
      [userId, agencyId, `wall-${id.slice(0, 8)}`, name],
    );
    await client.query('INSERT INTO wall_device (id, agency_id, user_id, name, token_hash) VALUES ($1, $2, $3, $4, $5)', [
      id,
      agencyId,
      userId,
      name,
      hashToken(token),
    ]);
  });
  return { id, userId, token };
}

/** Device sign-in: a valid, unrevoked token opens a wall_device session (kept alive by its open socket). */
export async function deviceLogin(
  pool: pg.Pool,
  body: unknown,
  opts: { ttlHours: number; ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const parsed = ZDeviceLogin.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'device sign-in');
  const { rows } = await pool.query<{ id: string; user_id: string }>(
    `UPDATE wall_device d SET last_used_at = now() FROM app_user u
      WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND u.id = d.user_id AND NOT u.disabled
      RETURNING d.id, d.user_id`,
    [hashToken(parsed.data.token)],
  );
  const device = rows[0];
  if (!device) {
    await audit(pool, { actorLabel: 'device:unknown', action: 'auth.device_login', ip: opts.ip ?? null, outcome: 'deny' });
    throw new AppError('UNAUTHORIZED', 'Unknown or revoked device token');
  }
  const session = await createSession(pool, device.user_id, opts.ttlHours, opts);
  const user = await resolveSession(pool, session.token);
  if (!user) throw new AppError('UNAUTHORIZED', 'Unknown or revoked device token');
  await audit(pool, { actor: user, action: 'auth.device_login', targetType: 'wall_device', targetId: device.id, ip: opts.ip ?? null, outcome: 'allow' });
  return { ...session, user };
}

export interface WallDeviceDto {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** An agency's wall devices, newest first (token hashes never leave the server). */
export async function listWallDevices(pool: pg.Pool, agencyId: string): Promise<WallDeviceDto[]> {
  const { rows } = await pool.query<{ id: string; name: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }>(
    'SELECT id, name, created_at, last_used_at, revoked_at FROM wall_device WHERE agency_id = $1 ORDER BY created_at DESC',
    [agencyId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at.toISOString(), lastUsedAt: r.last_used_at?.toISOString() ?? null, revokedAt: r.revoked_at?.toISOString() ?? null }));
}

/**
 * Revoke a device now: its token is refused from here on and its open sessions end (the kiosk falls back to the
 * device sign-in page, which then fails).
 */
export async function revokeWallDevice(pool: pg.Pool, agencyId: string, id: string): Promise<boolean> {
  const { rows } = await pool.query<{ user_id: string }>(
    `UPDATE wall_device SET revoked_at = now() WHERE id::text = $1 AND agency_id = $2 AND revoked_at IS NULL RETURNING user_id`,
    [id, agencyId],
  );
  if (!rows[0]) return false;
  await pool.query('DELETE FROM session WHERE user_id = $1', [rows[0].user_id]);
  return true;
}
