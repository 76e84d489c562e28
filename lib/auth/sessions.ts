import crypto from 'node:crypto';
import type pg from 'pg';
import { ZSessionUser, type SessionUser } from './session-user';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Create a server-side session; the returned token goes in the cookie and nowhere else. */
export async function createSession(
  pool: pg.Pool,
  userId: string,
  ttlHours: number,
  meta: { ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await pool.query(
    `INSERT INTO session (id, user_id, token_hash, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)`,
    [crypto.randomUUID(), userId, hashToken(token), expiresAt, meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null],
  );
  return { token, expiresAt };
}

/** The user behind a session token, or null when unknown, expired or the user is disabled. */
export async function resolveSession(pool: pg.Pool, token: string | undefined | null): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const { rows } = await pool.query(
    `UPDATE session s SET last_seen_at = now()
       FROM app_user u JOIN agency a ON a.id = u.agency_id
      WHERE s.token_hash = $1 AND s.user_id = u.id AND s.expires_at > now() AND NOT u.disabled
      RETURNING s.id AS "sessionId", u.id, u.username, u.display_name AS "displayName", u.role,
                u.agency_id AS "agencyId", a.name AS "agencyName"`,
    [hashToken(token)],
  );
  const parsed = ZSessionUser.safeParse(rows[0]);
  return parsed.success ? parsed.data : null;
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
