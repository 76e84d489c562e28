import type pg from 'pg';
import { LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES } from './security-config';

/**
 * Failed sign-ins counted per lower-cased username in the database (shared by every node), whether or not the
 * user exists, so a lockout tells an attacker nothing about which names are real.
 */
export async function lockedFor(pool: pg.Pool, username: string): Promise<number> {
  const { rows } = await pool.query<{ seconds: number }>(
    `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds FROM login_throttle
      WHERE username = lower($1) AND locked_until > now()`,
    [username],
  );
  return rows[0]?.seconds ?? 0;
}

/** Count one failure; the fifth in a row locks the name for 10 minutes. Returns true when this failure locked it. */
export async function recordFailure(pool: pg.Pool, username: string): Promise<boolean> {
  const { rows } = await pool.query<{ locked: boolean }>(
    `INSERT INTO login_throttle AS t (username, failed_count, updated_at) VALUES (lower($1), 1, now())
     ON CONFLICT (username) DO UPDATE SET
       failed_count = CASE WHEN t.failed_count + 1 >= $2 THEN 0 ELSE t.failed_count + 1 END,
       locked_until = CASE WHEN t.failed_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE t.locked_until END,
       updated_at = now()
     RETURNING (locked_until IS NOT NULL AND locked_until > now() AND failed_count = 0) AS locked`,
    [username, LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES],
  );
  return rows[0]?.locked ?? false;
}

/** A successful sign-in, or an administrator's unlock, clears the count and any lock. */
export async function clearFailures(pool: pg.Pool, username: string): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM login_throttle WHERE username = lower($1)', [username]);
  return (rowCount ?? 0) > 0;
}
