import crypto from 'node:crypto';
import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import { IDLE_LOCK_MINUTES, MAX_SESSION_HOURS } from './security-config';
import { ZSessionUser, type SessionUser } from './session-user';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Create a server-side session; the returned token goes in the cookie and nowhere else. */
export async function createSession(
  pool: pg.Pool,
  userId: string,
  ttlHours: number,
  meta: { ip?: string | null; userAgent?: string | null; idpMfa?: boolean },
): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  // Re-authentication every 12 h at the latest, whatever the configured TTL.
  const expiresAt = new Date(Date.now() + Math.min(ttlHours, MAX_SESSION_HOURS) * 3600_000);
  await pool.query(
    `INSERT INTO session (id, user_id, token_hash, expires_at, ip, user_agent, idp_mfa) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [crypto.randomUUID(), userId, hashToken(token), expiresAt, meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null, meta.idpMfa ?? false],
  );
  return { token, expiresAt };
}

/**
 * The user behind a session token, or null when unknown, expired (absolute 12 h), idle for 30 minutes or the user
 * is disabled. Wall devices too: a kiosk's open socket keeps its session alive (touchDeviceSessions), a copied
 * cookie from a kiosk that is unplugged or gone does not. A known session refused for one of those reasons is deleted and
 * leaves an audit row, once.
 */
export async function resolveSession(
  pool: pg.Pool,
  token: string | undefined | null,
  meta: { ip?: string | null } = {},
): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const { rows } = await pool.query(
    `UPDATE session s SET last_seen_at = now()
       FROM app_user u JOIN agency a ON a.id = u.agency_id
      WHERE s.token_hash = $1 AND s.user_id = u.id AND s.expires_at > now() AND NOT u.disabled
        AND s.created_at > now() - make_interval(hours => $2)
        AND s.last_seen_at > now() - make_interval(mins => $3)
      RETURNING s.id AS "sessionId", u.id, u.username, u.display_name AS "displayName", u.role,
                u.agency_id AS "agencyId", a.name AS "agencyName", u.must_change_password AS "mustChangePassword",
                (s.idp_mfa OR EXISTS (SELECT 1 FROM user_mfa m WHERE m.user_id = u.id AND m.enabled)) AS mfa`,
    [tokenHash, MAX_SESSION_HOURS, IDLE_LOCK_MINUTES],
  );
  if (rows[0]) {
    const parsed = ZSessionUser.safeParse(rows[0]);
    return parsed.success ? parsed.data : null;
  }
  await refuse(pool, tokenHash, meta.ip ?? null);
  return null;
}

/** Why a known session no longer works: delete it and record the refusal (unknown tokens are not recorded). */
async function refuse(pool: pg.Pool, tokenHash: string, ip: string | null): Promise<void> {
  const { rows } = await pool.query<{ id: string; user_id: string; username: string; agency_id: string; reason: string }>(
    `DELETE FROM session s USING app_user u
      WHERE s.token_hash = $1 AND u.id = s.user_id
      RETURNING s.id, s.user_id, u.username, u.agency_id,
        CASE WHEN u.disabled THEN 'user disabled'
             WHEN s.expires_at <= now() OR s.created_at <= now() - make_interval(hours => $2) THEN 'expired: re-authentication required'
             ELSE 'idle lock' END AS reason`,
    [tokenHash, MAX_SESSION_HOURS],
  );
  const r = rows[0];
  if (!r) return;
  await audit(pool, {
    actor: { id: r.user_id, username: r.username, agencyId: r.agency_id },
    action: 'auth.session_refused',
    targetType: 'session',
    targetId: r.id,
    ip,
    outcome: 'deny',
    details: { reason: r.reason },
  });
}

/**
 * Which of these sessions are still valid (not expired, not idle-locked, user enabled), WITHOUT touching
 * last_seen_at: an open socket is not user activity. The gateway calls it every minute and cuts the sockets of
 * sessions that dropped out, so the idle lock and re-authentication also apply to live connections.
 */
export async function filterLiveSessions(pool: pg.Pool, sessionIds: readonly string[]): Promise<Set<string>> {
  if (!sessionIds.length) return new Set();
  const { rows } = await pool.query<{ id: string }>(
    `SELECT s.id FROM session s JOIN app_user u ON u.id = s.user_id
      WHERE s.id = ANY($1::uuid[]) AND s.expires_at > now() AND NOT u.disabled
        AND s.created_at > now() - make_interval(hours => $2)
        AND s.last_seen_at > now() - make_interval(mins => $3)`,
    [sessionIds, MAX_SESSION_HOURS, IDLE_LOCK_MINUTES],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * A wall kiosk shows the live wall without a click for days: its open socket is its activity. Called by the
 * gateway's sweep with the sessions of connected wall_device sockets; only sessions still live are touched.
 */
export async function touchDeviceSessions(pool: pg.Pool, sessionIds: readonly string[]): Promise<void> {
  if (!sessionIds.length) return;
  await pool.query(
    `UPDATE session s SET last_seen_at = now() FROM app_user u
      WHERE s.id = ANY($1::uuid[]) AND u.id = s.user_id AND u.role = 'wall_device' AND NOT u.disabled
        AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)`,
    [sessionIds, IDLE_LOCK_MINUTES],
  );
}

export async function deleteSession(pool: pg.Pool, token: string): Promise<void> {
  await pool.query('DELETE FROM session WHERE token_hash = $1', [hashToken(token)]);
}

/** Read one cookie from a raw Cookie header (socket handshakes have no Next.js cookie helper). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
