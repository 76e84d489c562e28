import type pg from 'pg';
import { DEFAULT_WALL, MAX_WALL_TILES, type WallLayout, type WallMode, type WallStateDto } from '@/lib/domain/wall';

interface WallRow {
  layout: number;
  mode: string;
  incident_id: string | null;
  camera_ids: string[] | null;
  version: number;
  updated_at: Date;
}

function toDto(r: WallRow): WallStateDto {
  return {
    layout: (r.layout >= 1 && r.layout <= 4 ? r.layout : 2) as WallLayout,
    mode: (r.mode === 'manual' ? 'manual' : 'follow') as WallMode,
    incidentId: r.incident_id,
    cameraIds: (r.camera_ids ?? []).slice(0, MAX_WALL_TILES),
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * The agency's wall (defaults when never set). `forUpdate` (inside a transaction): create the default row if
 * missing and lock it, so a read-modify-write cannot lose a concurrent change.
 */
export async function selectWall(db: Pick<pg.Pool, 'query'>, agencyId: string, opts: { forUpdate?: boolean } = {}): Promise<WallStateDto> {
  if (opts.forUpdate) await db.query('INSERT INTO wall_state (agency_id) VALUES ($1) ON CONFLICT (agency_id) DO NOTHING', [agencyId]);
  const { rows } = await db.query<WallRow>(
    `SELECT layout, mode, incident_id, camera_ids, version, updated_at FROM wall_state WHERE agency_id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [agencyId],
  );
  return rows[0] ? toDto(rows[0]) : DEFAULT_WALL;
}

/** Upsert the whole state; version increments atomically so concurrent pushes order themselves. */
export async function upsertWall(
  pool: Pick<pg.Pool, 'query'>,
  agencyId: string,
  s: Pick<WallStateDto, 'layout' | 'mode' | 'incidentId' | 'cameraIds'>,
  /** Null when a rule changed the wall. */
  userId: string | null,
): Promise<WallStateDto> {
  const { rows } = await pool.query<WallRow>(
    `INSERT INTO wall_state (agency_id, layout, mode, incident_id, camera_ids, version, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5::uuid[], 1, now(), $6)
     ON CONFLICT (agency_id) DO UPDATE SET layout = EXCLUDED.layout, mode = EXCLUDED.mode, incident_id = EXCLUDED.incident_id,
       camera_ids = EXCLUDED.camera_ids, version = wall_state.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by
     RETURNING layout, mode, incident_id, camera_ids, version, updated_at`,
    [agencyId, s.layout, s.mode, s.incidentId, s.cameraIds, userId],
  );
  return toDto(rows[0]!);
}
