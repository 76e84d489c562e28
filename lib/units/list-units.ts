import type pg from 'pg';
import type { UnitDto } from '@/lib/domain/unit';
import { currentUnitStatuses } from './unit-status';

/**
 * An agency's units with a known position (the AVL ingest keeps the `unit` table at each unit's newest fix), newest
 * first. Units silent for more than a day are left out: an old parked position on the map would mislead. The status
 * is the unit's status now (tracker, CAD unit records, operator assignment: unit-status.ts).
 */
export async function listUnits(pool: pg.Pool, agencyId: string): Promise<UnitDto[]> {
  const statuses = currentUnitStatuses(pool, agencyId);
  const res = await pool.query<{ call_sign: string; unit_type: string | null; status: string; lat: number; lon: number; heading: number | null; updated_at: Date }>(
    `SELECT call_sign, unit_type, status, lat, lon, heading, updated_at
       FROM unit
      WHERE agency_id = $1 AND lat IS NOT NULL AND lon IS NOT NULL AND updated_at > now() - interval '24 hours'
      ORDER BY updated_at DESC
      LIMIT 5000`,
    [agencyId],
  );
  const now = await statuses;
  return res.rows.map((r) => ({
    callSign: r.call_sign,
    unitType: r.unit_type,
    status: now.get(r.call_sign)?.status ?? r.status,
    lat: r.lat,
    lon: r.lon,
    heading: r.heading,
    updatedAt: r.updated_at.toISOString(),
  }));
}
