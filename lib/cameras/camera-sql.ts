import type pg from 'pg';
import type { CameraDto, CameraSeed, CameraStreamKind } from '@/lib/domain/camera';

/** Camera SQL in one module (hot path: every playlist refresh of every tile reads one row). */

interface CameraRow {
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
}

export interface CameraRecord {
  dto: CameraDto;
  agencyId: string;
  streamUrl: string;
}

const COLUMNS = 'id, agency_id, name, lat, lon, heading, fov_deg, range_m, ptz, status, stream_kind, stream_url';

function toRecord(r: CameraRow): CameraRecord {
  return {
    agencyId: r.agency_id,
    streamUrl: r.stream_url ?? '',
    dto: {
      id: r.id,
      name: r.name,
      lat: r.lat,
      lon: r.lon,
      heading: r.heading,
      fovDeg: r.fov_deg,
      rangeM: r.range_m,
      ptz: r.ptz,
      status: r.status,
      // A location-only camera (no stream yet) has nothing to play: the proxy and the players leave it alone.
      streamKind: !r.stream_url ? 'none' : ((r.stream_kind === 'jpeg' ? 'jpeg' : 'hls') satisfies CameraStreamKind),
    },
  };
}

export async function selectAgencyCameras(pool: pg.Pool, agencyId: string): Promise<CameraRecord[]> {
  const { rows } = await pool.query<CameraRow>(`SELECT ${COLUMNS} FROM camera WHERE agency_id = $1 ORDER BY name, id`, [agencyId]);
  return rows.map(toRecord);
}

export async function selectCamera(pool: pg.Pool, id: string): Promise<CameraRecord | null> {
  const { rows } = await pool.query<CameraRow>(`SELECT ${COLUMNS} FROM camera WHERE id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function selectCamerasByIds(pool: pg.Pool, agencyId: string, ids: readonly string[]): Promise<CameraRecord[]> {
  if (!ids.length) return [];
  const { rows } = await pool.query<CameraRow>(`SELECT ${COLUMNS} FROM camera WHERE agency_id = $1 AND id = ANY($2::uuid[])`, [agencyId, ids]);
  return rows.map(toRecord);
}

/** A batch of cameras as the column arrays of an `unnest` upsert (external id, name, place, view, stream, owner). */
export function cameraColumns(cams: readonly CameraSeed[]): unknown[][] {
  return [
    cams.map((c) => c.externalId), cams.map((c) => c.name), cams.map((c) => c.lat), cams.map((c) => c.lon),
    cams.map((c) => c.heading), cams.map((c) => c.fovDeg), cams.map((c) => c.rangeM), cams.map((c) => c.ptz),
    cams.map((c) => c.streamKind), cams.map((c) => c.streamUrl), cams.map((c) => c.owner),
  ];
}
