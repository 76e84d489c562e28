import crypto from 'node:crypto';
import type pg from 'pg';
import { newApiKey } from './api-keys';

/** The feed's own source (kind 'alert') in the first agency, created on first poll; its key is never used. */
export async function capFeedSource(pool: pg.Pool, url: string): Promise<string> {
  const name = `CAP feed ${url}`.slice(0, 200);
  const { rows: existing } = await pool.query<{ id: string }>(`SELECT id FROM source WHERE kind = 'alert' AND name = $1 LIMIT 1`, [name]);
  if (existing[0]) return existing[0].id;
  const { rows: agencies } = await pool.query<{ id: string }>('SELECT id FROM agency ORDER BY created_at LIMIT 1');
  if (!agencies[0]) throw new Error('no agency to own the CAP feed source');
  const { hash, hint } = newApiKey();
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'alert', $3, $4, $5)
     ON CONFLICT (agency_id, name) DO UPDATE SET kind = source.kind RETURNING id`,
    [crypto.randomUUID(), agencies[0].id, name, hash, hint],
  );
  return rows[0]!.id;
}
