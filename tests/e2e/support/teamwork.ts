import crypto from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '@/lib/auth/password';
import { newApiKey } from '@/lib/ingest/api-keys';

export const E2E_PASSWORD = 'e2e-teamwork-password-1';

/** A user of the demo agency, signed in through the login page like anybody else. */
export async function makeE2eUser(pool: pg.Pool, role: string, displayName: string): Promise<{ id: string; username: string }> {
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  const id = crypto.randomUUID();
  const username = `${role}-${crypto.randomBytes(3).toString('hex')}`;
  await pool.query(`INSERT INTO app_user (id, agency_id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, rows[0]!.id, username, displayName, role, await hashPassword(E2E_PASSWORD)]);
  return { id, username };
}

/** A source of the demo agency with its key, for posting events through the public ingest API. */
export async function makeE2eSource(pool: pg.Pool, kind: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  const key = newApiKey();
  await pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, $3, $4, $5, $6)`,
    [crypto.randomUUID(), rows[0]!.id, kind, `E2E ${kind} ${key.hint}`, key.hash, key.hint]);
  return key.key;
}

export async function postEvents(baseUrl: string, key: string, events: unknown[]): Promise<void> {
  const res = await fetch(`${baseUrl}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ events }) });
  if (res.status !== 202) throw new Error(`ingest ${res.status}: ${await res.text()}`);
}
