import type pg from 'pg';
import { ZCameraStreamKind, type CameraDto, type CameraSeed, type CameraStreamKind } from '@/lib/domain/camera';
import { videoHealth } from './video-health';

/** Camera SQL in one module (hot path: every playlist refresh of every tile reads one row). */

/** A `camera` row as PostgreSQL returns it (the columns other modules read name their subset with Pick). */
export interface CameraRow {
  id: string;
  agency_id: string;
  name: string;
  lat: number;
  lon: number;
  heading: number | null;
  fov_deg: number;
  range_m: number;
  ptz: boolean;
  status: string;
  stream_kind: string | null;
  stream_url: string | null;
  restream_url: string | null;
  last_frame_at: Date | null;
  video_error: string | null;
  video_error_at: Date | null;
}

type PlacementRow = Pick<CameraRow, 'id' | 'name' | 'lat' | 'lon' | 'heading' | 'fov_deg' | 'range_m' | 'ptz'>;

/** Where a camera is and what it can see, from its row: the part every camera DTO shares. */
export function cameraPlacement(r: PlacementRow) {
  return { id: r.id, name: r.name, lat: r.lat, lon: r.lon, heading: r.heading, fovDeg: r.fov_deg, rangeM: r.range_m, ptz: r.ptz };
}

export interface CameraRecord {
  dto: CameraDto;
  agencyId: string;
  streamUrl: string;
  /** How the server gets the video (the DTO's streamKind; `none` without a stream). */
  kind: CameraStreamKind | 'none';
  /** An rtsp camera's external restreamer HLS (MediaMTX, go2rtc); null: the app's own restreamer. */
  restreamUrl: string | null;
}

const COLUMNS = 'id, agency_id, name, lat, lon, heading, fov_deg, range_m, ptz, status, stream_kind, stream_url, restream_url, last_frame_at, video_error, video_error_at';

function toRecord(r: CameraRow, now = Date.now()): CameraRecord {
  // A location-only camera (no stream yet) has nothing to play: the proxy and the players leave it alone.
  const kind: CameraStreamKind | 'none' = !r.stream_url ? 'none' : ZCameraStreamKind.catch('hls').parse(r.stream_kind ?? 'hls');
  return {
    agencyId: r.agency_id,
    streamUrl: r.stream_url ?? '',
    kind,
    restreamUrl: r.restream_url,
    dto: {
      ...cameraPlacement(r),
      status: r.status,
      streamKind: kind,
      video: videoHealth({ hasStream: kind !== 'none', lastFrameAt: r.last_frame_at, videoError: r.video_error, videoErrorAt: r.video_error_at }, now),
    },
  };
}

export async function selectAgencyCameras(pool: pg.Pool, agencyId: string): Promise<CameraRecord[]> {
  const { rows } = await pool.query<CameraRow>(`SELECT ${COLUMNS} FROM camera WHERE agency_id = $1 ORDER BY name, id`, [agencyId]);
  const now = Date.now();
  return rows.map((r) => toRecord(r, now));
}

export async function selectCamera(pool: pg.Pool, id: string): Promise<CameraRecord | null> {
  const { rows } = await pool.query<CameraRow>(`SELECT ${COLUMNS} FROM camera WHERE id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function selectCamerasByIds(pool: pg.Pool, agencyId: string, ids: readonly string[]): Promise<CameraRecord[]> {
  if (!ids.length) return [];
  const { rows } = await pool.query<CameraRow>(`SELECT ${COLUMNS} FROM camera WHERE agency_id = $1 AND id = ANY($2::uuid[])`, [agencyId, ids]);
  return rows.map((r) => toRecord(r));
}

/**
 * A batch of cameras as the column arrays of an `unnest` upsert (external id, name, place, view, stream, owner,
 * restream URL). A seed without a restream URL leaves the stored one (`COALESCE` in the upserts): a source that
 * knows nothing of the agency's restreamer does not unset it; an administrator's edit sets it exactly (saveCamera).
 */
export function cameraColumns(cams: readonly CameraSeed[]): unknown[][] {
  return [
    cams.map((c) => c.externalId), cams.map((c) => c.name), cams.map((c) => c.lat), cams.map((c) => c.lon),
    cams.map((c) => c.heading), cams.map((c) => c.fovDeg), cams.map((c) => c.rangeM), cams.map((c) => c.ptz),
    cams.map((c) => c.streamKind), cams.map((c) => c.streamUrl), cams.map((c) => c.owner), cams.map((c) => c.restreamUrl ?? null),
  ];
}
