import type pg from 'pg';
import { extentOf, type Extent } from '@/lib/domain/event-rules';

interface Cached {
  at: number;
  extent: Extent | null;
  timeZone: string;
}

const TTL_MS = 10_000;
/** Process-wide (like the ingest key cache): admin routes and ingest doors are bundled apart but share it. */
const KEY = Symbol.for('rtcc.agencyPlaceCache');
const cache = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map<string, Cached>()) as Map<string, Cached>;

/**
 * What ingest needs of an agency on every batch: its extent (from its jurisdiction) and its time zone. Read at
 * most every 10 s per node; a change made through this node applies at once (forgetAgency).
 */
export async function agencyPlace(pool: pg.Pool, agencyId: string): Promise<Omit<Cached, 'at'>> {
  const hit = cache.get(agencyId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit;
  const { rows } = await pool.query<{ jurisdiction: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } | null; time_zone: string }>(
    'SELECT jurisdiction, time_zone FROM agency WHERE id = $1',
    [agencyId],
  );
  const row = rows[0];
  const fresh: Cached = { at: Date.now(), extent: row?.jurisdiction ? extentOf(row.jurisdiction) : null, timeZone: row?.time_zone ?? 'UTC' };
  cache.set(agencyId, fresh);
  return fresh;
}

export function forgetAgency(agencyId: string): void {
  cache.delete(agencyId);
}
