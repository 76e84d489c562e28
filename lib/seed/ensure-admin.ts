import crypto from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '@/lib/auth/password';

export interface Agency {
  id: string;
  slug: string;
  name: string;
}

/** The first agency (the demo city): its zone and home view when it is created; an existing one is left as it is. */
export async function ensureAgency(
  pool: pg.Pool,
  slug: string,
  name: string,
  place: { timeZone: string; home: { lat: number; lon: number; zoom: number }; attribution?: string } = { timeZone: 'UTC', home: { lat: 20, lon: 0, zoom: 1.5 } },
): Promise<Agency> {
  // An existing agency keeps what its administrators set (name, zone, home view, map credit).
  const { rows } = await pool.query<Agency>(
    `INSERT INTO agency (id, slug, name, time_zone, home_lat, home_lon, home_zoom, attribution) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id, slug, name`,
    [crypto.randomUUID(), slug, name, place.timeZone, place.home.lat, place.home.lon, place.home.zoom, place.attribution ?? ''],
  );
  return rows[0]!;
}

/**
 * The first admin, a platform administrator (creates the other agencies; admin of the first one). Password from ADMIN_PASSWORD, or generated and printed once: only its hash is kept, so a
 * lost password is reset by starting once with ADMIN_PASSWORD set.
 */
export async function ensureAdmin(
  pool: pg.Pool,
  agencyId: string,
  username: string,
  password: string | undefined,
  log: (line: string) => void,
): Promise<void> {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM app_user WHERE username = $1', [username]);
  if (rows[0]) {
    // A database from before platform administrators: its first admin becomes the one, so someone can add agencies.
    await pool.query(
      `UPDATE app_user SET role = 'platform_admin' WHERE id = $1 AND role = 'admin' AND NOT EXISTS (SELECT 1 FROM app_user WHERE role = 'platform_admin')`,
      [rows[0].id],
    );
    if (password) {
      await pool.query('UPDATE app_user SET password_hash = $2 WHERE id = $1', [rows[0].id, await hashPassword(password)]);
      log(`admin password for "${username}" set from ADMIN_PASSWORD`);
    }
    return;
  }
  const generated = password ?? crypto.randomBytes(12).toString('base64url');
  // Several nodes may boot together on one new database: only the one that inserts prints a password.
  const inserted = await pool.query(
    `INSERT INTO app_user (id, agency_id, username, display_name, role, password_hash)
     VALUES ($1, $2, $3, 'Administrator', 'platform_admin', $4) ON CONFLICT (username) DO NOTHING`,
    [crypto.randomUUID(), agencyId, username, await hashPassword(generated)],
  );
  if (inserted.rowCount && !password) {
    const width = 62;
    const row = (text: string) => `  │${` ${text}`.padEnd(width)}│`;
    log('');
    log(`  ┌${'─'.repeat(width)}┐`);
    log(row(`First start: created user "${username}" with password:`));
    log(row(`    ${generated}`));
    log(row('It is shown only this once. Set ADMIN_PASSWORD to reset it.'));
    log(`  └${'─'.repeat(width)}┘`);
    log('');
  }
}
