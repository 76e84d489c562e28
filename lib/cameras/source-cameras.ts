import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import { withoutCredentials, type CameraSeed } from '@/lib/domain/camera';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import type { SourceIdentity } from '../ingest/authenticate-source';
import type { Heartbeat } from '../ingest/adapters/camera-registry';
import { notifyCamerasChanged, recordHeartbeats } from './camera-store';
import { cameraColumns } from './camera-sql';

/** Source kinds that may register cameras: a VMS, a camera network, a partner's camera feed. */
export const CAMERA_SOURCE_KINDS: ReadonlySet<string> = new Set(['camera']);

function assertCameraSource(source: SourceIdentity): void {
  if (!CAMERA_SOURCE_KINDS.has(source.kind)) {
    throw new AppError('FORBIDDEN', `A ${source.kind} source cannot register cameras: only a camera source can`);
  }
}

/**
 * POST /api/ingest/cameras: a camera source creates its cameras and updates the ones it created, never another
 * source's or an administrator's (the whole batch is refused, 403 naming them). Every camera created or changed is
 * an audit row of the agency, committed with the change.
 */
export async function upsertSourceCameras(pool: pg.Pool, source: SourceIdentity, cams: CameraSeed[], ip: string | null): Promise<{ created: number; updated: number }> {
  assertCameraSource(source);
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string; external_id: string; created: boolean }>(
      `INSERT INTO camera (id, agency_id, source_id, external_id, name, lat, lon, heading, fov_deg, range_m, ptz, stream_kind, stream_url, owner, restream_url)
       SELECT gen_random_uuid(), $1, $2, * FROM unnest($3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
                                                    $9::float8[], $10::bool[], $11::text[], $12::text[], $13::text[], $14::text[])
       ON CONFLICT (agency_id, external_id) DO UPDATE
         SET name = EXCLUDED.name, lat = EXCLUDED.lat, lon = EXCLUDED.lon, heading = EXCLUDED.heading,
             fov_deg = EXCLUDED.fov_deg, range_m = EXCLUDED.range_m, ptz = EXCLUDED.ptz,
             stream_kind = EXCLUDED.stream_kind, stream_url = EXCLUDED.stream_url, owner = EXCLUDED.owner,
             restream_url = COALESCE(EXCLUDED.restream_url, camera.restream_url)
         WHERE camera.source_id = EXCLUDED.source_id
       RETURNING id, external_id, (xmax = 0) AS created`,
      [
        source.agencyId,
        source.id,
        ...cameraColumns(cams),
      ],
    );
    const done = new Set(rows.map((r) => r.external_id));
    const foreign = cams.map((c, i) => ({ c, i })).filter(({ c }) => !done.has(c.externalId));
    if (foreign.length) {
      throw new AppError(
        'FORBIDDEN',
        `Camera ${foreign.map(({ c }) => `"${c.externalId}"`).join(', ')} belongs to another source or an administrator`,
        foreign.map(({ i }) => ({ path: `cameras[${i}].externalId`, message: 'not a camera of this source' })),
      );
    }
    const byExt = new Map(cams.map((c) => [c.externalId, c]));
    for (const r of rows) {
      const c = byExt.get(r.external_id)!;
      await audit(client, {
        actorLabel: `source:${source.name}`,
        agencyId: source.agencyId,
        action: r.created ? 'source.camera.create' : 'source.camera.update',
        targetType: 'camera',
        targetId: r.id,
        ip,
        outcome: 'allow',
        details: { sourceId: source.id, externalId: c.externalId, name: c.name, streamKind: c.streamKind, streamUrl: withoutCredentials(c.streamUrl) },
      });
    }
    if (rows.length) await notifyCamerasChanged(client);
    const created = rows.filter((r) => r.created).length;
    return { created, updated: rows.length - created };
  });
}

/** POST /api/ingest/cameras/heartbeat: only a camera source, only for its own cameras. */
export async function sourceHeartbeats(pool: pg.Pool, source: SourceIdentity, beats: Heartbeat[]): Promise<{ updated: number }> {
  assertCameraSource(source);
  return recordHeartbeats(pool, source.agencyId, beats, source.id);
}
