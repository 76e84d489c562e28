import type pg from 'pg';

/** One way of writing an address, for matching premises: upper case, punctuation and repeated spaces gone. */
export function addressKey(address: string | null | undefined): string | null {
  if (!address) return null;
  const k = address.toUpperCase().replace(/[^A-Z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  return k || null;
}

/** Same premise: within this many metres, or the same address key. */
export const PREMISE_RADIUS_M = 40;
const DEG_LAT = PREMISE_RADIUS_M / 110_540;

export interface PremiseQuery {
  agencyId: string;
  incidentId: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  before: Date;
}

/** Earlier incidents at the premise (last two years, newest first): the calls an officer should know about. */
export async function priorCalls(pool: pg.Pool, q: PremiseQuery, limit = 8) {
  const dLon = q.lat === null ? 0 : DEG_LAT / Math.cos((q.lat * Math.PI) / 180);
  const { rows } = await pool.query<{ number: string; title: string; opened_at: Date; address: string | null }>(
    `SELECT number, title, opened_at, address FROM incident
      WHERE agency_id = $1 AND id <> $2 AND status <> 'merged' AND opened_at < $3 AND opened_at > $3::timestamptz - interval '2 years'
        AND ((btrim(regexp_replace(regexp_replace(upper(coalesce(address, '')), '[^A-Z0-9 ]+', ' ', 'g'), '[[:space:]]+', ' ', 'g')) = $4 AND $4 <> '')
          OR ($5::float8 IS NOT NULL AND lat BETWEEN $5::float8 - $7::float8 AND $5::float8 + $7::float8 AND lon BETWEEN $6::float8 - $8::float8 AND $6::float8 + $8::float8))
      ORDER BY opened_at DESC LIMIT $9`,
    [q.agencyId, q.incidentId, q.before, addressKey(q.address) ?? '', q.lat, q.lon, DEG_LAT, dLon, limit],
  );
  return rows.map((r) => ({ number: r.number, title: r.title, openedAt: r.opened_at.toISOString(), address: r.address }));
}

/** Hazards flagged at the premise (not expired). */
export async function premiseHazards(pool: pg.Pool, q: Omit<PremiseQuery, 'incidentId' | 'before'>) {
  const dLon = q.lat === null ? 0 : DEG_LAT / Math.cos((q.lat * Math.PI) / 180);
  const { rows } = await pool.query<{ hazard: string; address: string | null; created_at: Date }>(
    `SELECT hazard, address, created_at FROM premise_hazard
      WHERE agency_id = $1 AND (expires_at IS NULL OR expires_at > now())
        AND ((address_key = $2 AND $2 IS NOT NULL)
          OR ($3::float8 IS NOT NULL AND lat BETWEEN $3::float8 - $5::float8 AND $3::float8 + $5::float8 AND lon BETWEEN $4::float8 - $6::float8 AND $4::float8 + $6::float8))
      ORDER BY created_at DESC LIMIT 20`,
    [q.agencyId, addressKey(q.address), q.lat, q.lon, DEG_LAT, dLon],
  );
  return rows.map((r) => ({ hazard: r.hazard, address: r.address, createdAt: r.created_at.toISOString() }));
}
