import type pg from 'pg';
import type { CameraAdminDto } from '@/lib/domain/camera-admin';
import { ZCameraOwner, ZCameraStreamKind } from '@/lib/domain/camera';
import { cameraStatus } from '@/lib/ingest/adapters/camera-registry';
import { videoHealth } from './video-health';
import { cameraPlacement, type CameraRow } from './camera-sql';

/** The camera row (camera-sql.ts) with the registry columns only the admin page reads. */
interface AdminCameraRow extends Omit<CameraRow, 'agency_id' | 'stream_kind' | 'stream_url'> {
  external_id: string;
  stream_kind: string;
  stream_url: string;
  owner: string;
  last_seen_at: Date | null;
  onvif_url: string | null;
  onvif_username: string | null;
  onvif_password_set: boolean;
}

/** The agency's camera registry for the admin page, with the status computed from heartbeats as the console shows it. */
export async function listAdminCameras(pool: pg.Pool | pg.PoolClient, agencyId: string, externalId?: string): Promise<CameraAdminDto[]> {
  const { rows } = await pool.query<AdminCameraRow>(
    `SELECT id, external_id, name, lat, lon, heading, fov_deg, range_m, ptz, stream_kind, stream_url, owner, status, last_seen_at,
            restream_url, last_frame_at, video_error, video_error_at,
            onvif_url, onvif_username, onvif_password IS NOT NULL AS onvif_password_set
       FROM camera WHERE agency_id = $1 AND ($2::text IS NULL OR external_id = $2) ORDER BY name, id`,
    [agencyId, externalId ?? null],
  );
  const now = new Date();
  return rows.map((r) => ({
    ...cameraPlacement(r),
    externalId: r.external_id,
    streamKind: ZCameraStreamKind.catch('jpeg').parse(r.stream_kind),
    streamUrl: r.stream_url,
    owner: ZCameraOwner.catch('city').parse(r.owner),
    status: cameraStatus({ status: r.status, lastSeenAt: r.last_seen_at }, now),
    lastSeenAt: r.last_seen_at?.toISOString() ?? null,
    restreamUrl: r.restream_url,
    video: videoHealth({ hasStream: !!r.stream_url, lastFrameAt: r.last_frame_at, videoError: r.video_error, videoErrorAt: r.video_error_at }, now.getTime()),
    onvifUrl: r.onvif_url,
    onvifUsername: r.onvif_username,
    onvifPasswordSet: r.onvif_password_set,
  }));
}
