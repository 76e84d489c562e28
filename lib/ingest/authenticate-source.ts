import type pg from 'pg';
import { AppError } from '@/lib/platform/errors/app-error';
import { TokenBuckets } from '@/lib/platform/rate-limit';
import { hashApiKey } from './api-keys';

export interface SourceIdentity {
  id: string;
  agencyId: string;
  kind: string;
  name: string;
}

const CACHE_MS = 10_000;
/** Past this many cached keys, expired entries are swept (and all dropped if that is not enough). */
const CACHE_MAX = 5_000;
/** Wrong keys per client address: 30 at once, then one every 2 s; past that a wrong key is answered 429. */
const FAILURES = { burst: 30, ratePerSec: 0.5 };
// Process-wide (not per module copy): Next bundles the admin routes apart from the ingest routes, and a key rotated
// or a source disabled through one must stop working in the other at once (clearSourceCache), not 10 s later.
const CACHE_KEY = Symbol.for('rtcc.sourceKeyCache');
const holder = globalThis as { [CACHE_KEY]?: Map<string, { at: number; source: SourceIdentity | null }> };
const cache = (holder[CACHE_KEY] ??= new Map());
const FAILURES_KEY = Symbol.for('rtcc.sourceKeyFailures');
const failHolder = globalThis as { [FAILURES_KEY]?: TokenBuckets };
const failures = (failHolder[FAILURES_KEY] ??= new TokenBuckets(FAILURES));

/**
 * Resolve `Authorization: Bearer <key>` (or `X-API-Key`) to an enabled source, or throw 401. Wrong keys are counted
 * per client address (`clientKey`) and answered 429 past the limit; only keys that exist are cached, so a stream of
 * random keys costs no memory (each is one indexed lookup, like a sign-in attempt).
 */
export async function authenticateSource(pool: pg.Pool, headers: Headers, clientKey = 'unknown'): Promise<SourceIdentity> {
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
    if (source) remember(hash, source);
    else cache.delete(hash);
  }
  if (!source) {
    // A valid key always works (a real source behind the same address as a guesser is not locked out).
    const wait = failures.take(clientKey);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait));
      throw new AppError('RATE_LIMITED', `Too many invalid API keys from this address: retry in ${seconds} s`, [], seconds);
    }
    throw new AppError('UNAUTHORIZED', 'Invalid or disabled API key');
  }
  return source;
}

function remember(hash: string, source: SourceIdentity): void {
  const now = Date.now();
  if (cache.size >= CACHE_MAX) {
    for (const [k, v] of cache) if (now - v.at >= CACHE_MS) cache.delete(k);
    if (cache.size >= CACHE_MAX) cache.clear();
  }
  cache.set(hash, { at: now, source });
}

/** For tests, key rotation and disabling a source: forget cached lookups at once (this process; other nodes within 10 s). */
export function clearSourceCache(): void {
  cache.clear();
}
