import type pg from 'pg';

const CACHE_MS = 10_000;

export type SensorSourceLookup =
  | { ok: true; id: string; agencyId: string }
  | { ok: false; reason: string };

/**
 * Sensor sources are named in the topic (`rtcc/sensors/<sourceName>/…`); the broker decides who may publish
 * there (the embedded one by source name + API key: broker-auth.ts; an external one by its own configuration). Cached briefly: sensors report often and the lookup never changes mid-stream.
 */
export function sensorSourceResolver(pool: pg.Pool): (name: string) => Promise<SensorSourceLookup> {
  const cache = new Map<string, { at: number; result: SensorSourceLookup }>();
  return async (name) => {
    const hit = cache.get(name);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.result;
    const { rows } = await pool.query<{ id: string; agencyId: string }>(
      `SELECT id, agency_id AS "agencyId" FROM source WHERE kind = 'sensor' AND name = $1 AND enabled LIMIT 2`,
      [name],
    );
    const result: SensorSourceLookup =
      rows.length === 1
        ? { ok: true, id: rows[0]!.id, agencyId: rows[0]!.agencyId }
        : {
            ok: false,
            reason: rows.length
              ? `topic: source name "${name}" is used by several agencies' sensor sources`
              : `topic: no enabled sensor source named "${name}"`,
          };
    if (cache.size > 10_000) cache.clear();
    cache.set(name, { at: Date.now(), result });
    return result;
  };
}
