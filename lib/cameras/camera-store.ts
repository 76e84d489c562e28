import type pg from 'pg';
import type { CameraSeed } from '@/lib/domain/camera';
import { cameraColumns } from './camera-sql';
import { AppError } from '@/lib/platform/errors/app-error';
import { REFERENCE_CHANGED_CHANNEL } from '@/lib/correlate/channels';
import type { Heartbeat } from '../ingest/adapters/camera-registry';

/** SQL for the camera registry: upsert by (agency, external id), and heartbeats. */

/**
 * Insert or update cameras by (agency, external id); a kept restream URL survives an upsert without one. With
 * `sourceId` (a camera source registering its own), new rows are that source's and only that source's rows are
 * updated: another's are left out of the answer. Without, an administrator's upsert updates any row of the agency.
 */
export async function upsertCameraRows(db: pg.Pool | pg.PoolClient, agencyId: string, sourceId: string | null, cams: CameraSeed[]) {
  const { rows } = await db.query<{ id: string; external_id: string; created: boolean }>(
    `INSERT INTO camera (id, agency_id, source_id, external_id, name, lat, lon, heading, fov_deg, range_m, ptz, stream_kind, stream_url, owner, restream_url)
     SELECT gen_random_uuid(), $1, $2::uuid, * FROM unnest($3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
                                                  $9::float8[], $10::bool[], $11::text[], $12::text[], $13::text[], $14::text[])
     ON CONFLICT (agency_id, external_id) DO UPDATE
       SET name = EXCLUDED.name, lat = EXCLUDED.lat, lon = EXCLUDED.lon, heading = EXCLUDED.heading,
           fov_deg = EXCLUDED.fov_deg, range_m = EXCLUDED.range_m, ptz = EXCLUDED.ptz,
           stream_kind = EXCLUDED.stream_kind, stream_url = EXCLUDED.stream_url, owner = EXCLUDED.owner,
           restream_url = COALESCE(EXCLUDED.restream_url, camera.restream_url)
       WHERE $2::uuid IS NULL OR camera.source_id = EXCLUDED.source_id
     RETURNING id, external_id, (xmax = 0) AS created`,
    [agencyId, sourceId, ...cameraColumns(cams)],
  );
  return rows;
}

export async function upsertCameras(pool: pg.Pool | pg.PoolClient, agencyId: string, cams: CameraSeed[]): Promise<{ created: number; updated: number }> {
  const rows = await upsertCameraRows(pool, agencyId, null, cams);
  const created = rows.filter((r) => r.created).length;
  // The correlator attaches cameras to incidents from its own index: it reloads it when this commits (NOTIFY is
  // delivered on COMMIT, so inside a caller's transaction it waits for that transaction).
  if (rows.length) await notifyCamerasChanged(pool);
  return { created, updated: rows.length - created };
}

/** Ring the correlator's reference doorbell: camera positions, views or status changed. */
export async function notifyCamerasChanged(db: pg.Pool | pg.PoolClient): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [REFERENCE_CHANGED_CHANNEL, 'cameras']);
}

/**
 * Mark cameras seen now with their reported status; all-or-nothing, an unknown camera is a 400 naming it. With
 * `sourceId`, only that source's cameras count as known.
 */
export async function recordHeartbeats(pool: pg.Pool, agencyId: string, beats: Heartbeat[], sourceId: string | null = null): Promise<{ updated: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // `old` is the row as it was before this statement: a status change (offline ↔ online) changes what the
    // camera can see for the correlator.
    const { rows } = await client.query<{ external_id: string; changed: boolean }>(
      `UPDATE camera SET last_seen_at = now(), status = b.status
         FROM unnest($2::text[], $3::text[]) AS b(external_id, status), camera old
        WHERE camera.agency_id = $1 AND camera.external_id = b.external_id AND old.id = camera.id
          AND ($4::uuid IS NULL OR camera.source_id = $4)
        RETURNING camera.external_id, old.status IS DISTINCT FROM b.status AS changed`,
      [agencyId, beats.map((b) => b.externalId), beats.map((b) => b.status), sourceId],
    );
    const known = new Set(rows.map((r) => r.external_id));
    const missing = beats.findIndex((b) => !known.has(b.externalId));
    if (missing !== -1) {
      const path = `heartbeats[${missing}].externalId`;
      throw new AppError('BAD_REQUEST', `Invalid ${path}: no camera "${beats[missing]!.externalId}" registered`, [
        { path, message: 'unknown camera' },
      ]);
    }
    if (rows.some((r) => r.changed)) await notifyCamerasChanged(client);
    await client.query('COMMIT');
    return { updated: known.size };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
