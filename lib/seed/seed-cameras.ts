import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import type pg from 'pg';
import { parseCaltransCameras } from '@/lib/ingest/adapters/sf-cameras';

/** Upsert the demo city's real DOT cameras; returns how many the agency has. */
export async function seedDemoCameras(pool: pg.Pool, agencyId: string, file: string): Promise<number> {
  const cameras = parseCaltransCameras(await fs.readFile(file, 'utf8'));
  for (const c of cameras) {
    await pool.query(
      `INSERT INTO camera (id, agency_id, external_id, name, lat, lon, heading, fov_deg, range_m, ptz, stream_kind, stream_url, owner)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
       ON CONFLICT (agency_id, external_id) DO NOTHING`,
      [crypto.randomUUID(), agencyId, c.externalId, c.name, c.lat, c.lon, c.heading, c.fovDeg, c.rangeM, c.ptz, c.streamKind, c.streamUrl, c.owner],
    );
  }
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM camera WHERE agency_id = $1', [agencyId]);
  return Number(rows[0]!.n);
}
