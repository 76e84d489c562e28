import crypto from 'node:crypto';
import type pg from 'pg';
import { newApiKey } from '@/lib/ingest/api-keys';

/**
 * Create a source, or rotate its key, and return the plain key. Used for the built-in demo sources, whose key
 * lives only in this process's memory.
 */
export async function ensureSourceWithFreshKey(
  pool: pg.Pool,
  agencyId: string,
  name: string,
  kind: string,
): Promise<{ id: string; key: string }> {
  const { key, hash, hint } = newApiKey();
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (agency_id, name) DO UPDATE SET api_key_hash = EXCLUDED.api_key_hash, api_key_hint = EXCLUDED.api_key_hint
     RETURNING id`,
    [crypto.randomUUID(), agencyId, kind, name, hash, hint],
  );
  return { id: rows[0]!.id, key };
}
