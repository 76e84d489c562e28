import type pg from 'pg';
import { AppError } from '@/lib/platform/errors/app-error';
import { hashApiKey } from './api-keys';

export interface SourceIdentity {
  id: string;
  agencyId: string;
  kind: string;
  name: string;
}

const CACHE_MS = 10_000;
// Process-wide (not per module copy): Next bundles the admin routes apart from the ingest routes, and a key rotated
// or a source disabled through one must stop working in the other at once (clearSourceCache), not 10 s later.
const CACHE_KEY = Symbol.for('rtcc.sourceKeyCache');
const holder = globalThis as { [CACHE_KEY]?: Map<string, { at: number; source: SourceIdentity | null }> };
const cache = (holder[CACHE_KEY] ??= new Map());

/** Resolve `Authorization: Bearer <key>` (or `X-API-Key`) to an enabled source, or throw 401. */
export async function authenticateSource(pool: pg.Pool, headers: Headers): Promise<SourceIdentity> {
  const auth = headers.get('authorization');
  const key = auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : headers.get('x-api-key')?.trim();
  if (!key) throw new AppError('UNAUTHORIZED', 'Missing API key: send Authorization: Bearer <key>');
  const hash = hashApiKey(key);
  const hit = cache.get(hash);
  let source = hit && Date.now() - hit.at < CACHE_MS ? hit.source : undefined;
  if (source === undefined) {
    const { rows } = await pool.query<SourceIdentity>(
      `SELECT id, agency_id AS "agencyId", kind, name FROM source WHERE api_key_hash = $1 AND enabled`,
      [hash],
    );
    source = rows[0] ?? null;
    cache.set(hash, { at: Date.now(), source });
  }
  if (!source) throw new AppError('UNAUTHORIZED', 'Invalid or disabled API key');
  return source;
}

/** For tests, key rotation and disabling a source: forget cached lookups at once (this process; other nodes within 10 s). */
export function clearSourceCache(): void {
  cache.clear();
}
