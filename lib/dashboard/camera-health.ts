import type pg from 'pg';
import type { DashboardDto } from '@/lib/domain/dashboard';
import { HEARTBEAT_TIMEOUT_MS } from '@/lib/ingest/adapters/camera-registry';

export interface CameraState {
  id: string;
  name: string;
  status: 'online' | 'offline' | 'unknown';
  lat: number;
  lon: number;
  lastSeenAt: Date | null;
}

/**
 * The agency's cameras and whether each is online now: the console's rule (lib/ingest/adapters/camera-registry.ts):
 * online while heartbeats say so and the last is under 5 minutes old; a camera that never reported is unknown.
 */
export async function selectCameraStates(pool: pg.Pool, agencyId: string): Promise<CameraState[]> {
  const { rows } = await pool.query<{ id: string; name: string; status: string; lat: number; lon: number; last_seen_at: Date | null; fresh: boolean }>(
    `SELECT id, name, status, lat, lon, last_seen_at, last_seen_at > now() - make_interval(secs => $2) AS fresh
       FROM camera WHERE agency_id = $1 ORDER BY name`,
    [agencyId, HEARTBEAT_TIMEOUT_MS / 1000],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    lat: r.lat,
    lon: r.lon,
    lastSeenAt: r.last_seen_at,
    status: r.last_seen_at === null ? (r.status === 'online' || r.status === 'offline' ? r.status : 'unknown') : r.fresh && r.status === 'online' ? 'online' : 'offline',
  }));
}

export function groupCameras(cams: readonly CameraState[]): DashboardDto['cameras'] {
  const n = { online: 0, offline: 0, unknown: 0 };
  for (const c of cams) n[c.status] += 1;
  return { total: cams.length, ...n, onlinePct: cams.length ? Math.round((1000 * n.online) / cams.length) / 10 : null };
}
