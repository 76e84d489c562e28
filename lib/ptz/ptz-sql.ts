import type pg from 'pg';
import { seal, unseal } from '@/lib/auth/secret-box';
import { cameraPlacement, type CameraRow } from '@/lib/cameras/camera-sql';
import type { CameraGeo } from '@/lib/correlate/camera-visibility';
import type { OnvifTarget } from './onvif-device';

/** A PTZ camera as the server sees it: place and view for slew-to-cue, the ONVIF target for control. */
export interface PtzCamera extends Omit<CameraGeo, 'status'> {
  target: OnvifTarget | null;
}

type Row = Pick<CameraRow, 'id' | 'agency_id' | 'name' | 'lat' | 'lon' | 'heading' | 'fov_deg' | 'range_m' | 'ptz'> & {
  onvif_url: string | null;
  onvif_username: string | null;
  onvif_password: string | null;
};

const COLUMNS = 'id, agency_id, name, lat, lon, heading, fov_deg, range_m, ptz, onvif_url, onvif_username, onvif_password';
const context = (cameraId: string) => `camera-onvif:${cameraId}`;

function toCamera(r: Row): PtzCamera {
  return {
    ...cameraPlacement(r),
    agencyId: r.agency_id,
    target: r.onvif_url
      ? { cameraId: r.id, url: r.onvif_url, username: r.onvif_username, password: r.onvif_password ? unseal(r.onvif_password, context(r.id)) : null }
      : null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One camera of the agency (null: none, or another agency's: PTZ never crosses agencies). */
export async function selectPtzCamera(db: pg.Pool | pg.PoolClient, agencyId: string, id: string): Promise<PtzCamera | null> {
  if (!UUID.test(id)) return null;
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM camera WHERE id = $1 AND agency_id = $2`, [id, agencyId]);
  return rows[0] ? toCamera(rows[0]) : null;
}

/** The agency's controllable PTZ cameras (flag set and an ONVIF endpoint configured). */
export async function selectControllableCameras(db: pg.Pool | pg.PoolClient, agencyId: string): Promise<PtzCamera[]> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM camera WHERE agency_id = $1 AND ptz AND onvif_url IS NOT NULL`, [agencyId]);
  return rows.map(toCamera);
}

export interface OnvifSettings {
  url: string | null;
  username: string | null;
  /** undefined: keep the stored password; null: remove it. */
  password?: string | null;
  ptz?: boolean;
}

/** Store a camera's ONVIF endpoint (password sealed to this camera), inside the caller's transaction. */
export async function updateOnvif(client: pg.PoolClient, agencyId: string, id: string, s: OnvifSettings): Promise<boolean> {
  const password = s.password === undefined ? undefined : s.password === null ? null : seal(s.password, context(id));
  const { rowCount } = await client.query(
    `UPDATE camera SET onvif_url = $3, onvif_username = $4,
       onvif_password = CASE WHEN $5::boolean THEN $6 ELSE onvif_password END,
       ptz = COALESCE($7, ptz)
     WHERE id = $1 AND agency_id = $2`,
    [id, agencyId, s.url, s.username, password !== undefined, password ?? null, s.ptz ?? null],
  );
  return (rowCount ?? 0) > 0;
}
