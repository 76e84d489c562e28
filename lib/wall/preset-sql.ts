import crypto from 'node:crypto';
import type pg from 'pg';
import { MAX_WALL_TILES, type WallLayout, type WallPresetDto } from '@/lib/domain/wall';

type Db = Pick<pg.Pool, 'query'>;

interface PresetRow {
  id: string;
  name: string;
  layout: number;
  camera_ids: string[] | null;
  updated_at: Date;
}

const COLUMNS = 'id, name, layout, camera_ids, updated_at';

function toDto(r: PresetRow): WallPresetDto {
  return {
    id: r.id,
    name: r.name,
    layout: (r.layout >= 1 && r.layout <= 4 ? r.layout : 2) as WallLayout,
    cameraIds: (r.camera_ids ?? []).slice(0, MAX_WALL_TILES),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function selectPresets(db: Db, agencyId: string): Promise<WallPresetDto[]> {
  const { rows } = await db.query<PresetRow>(`SELECT ${COLUMNS} FROM wall_preset WHERE agency_id = $1 ORDER BY lower(name), id`, [agencyId]);
  return rows.map(toDto);
}

export async function selectPreset(db: Db, agencyId: string, id: string): Promise<WallPresetDto | null> {
  const { rows } = await db.query<PresetRow>(`SELECT ${COLUMNS} FROM wall_preset WHERE agency_id = $1 AND id = $2`, [agencyId, id]);
  return rows[0] ? toDto(rows[0]) : null;
}

/** Rules name their preset: an exact name first, else the one name equal ignoring case (admins type these). */
export async function selectPresetByName(db: Db, agencyId: string, name: string): Promise<WallPresetDto | null> {
  const { rows } = await db.query<PresetRow>(
    `SELECT ${COLUMNS} FROM wall_preset WHERE agency_id = $1 AND lower(name) = lower($2) ORDER BY (name = $2) DESC, id LIMIT 1`,
    [agencyId, name],
  );
  return rows[0] ? toDto(rows[0]) : null;
}

/** Same name in the same agency overwrites: "save as Morning" twice keeps one Morning. */
export async function upsertPreset(
  db: Db,
  agencyId: string,
  p: { name: string; layout: WallLayout; cameraIds: string[] },
  userId: string,
): Promise<{ preset: WallPresetDto; created: boolean }> {
  const { rows } = await db.query<PresetRow & { created: boolean }>(
    `INSERT INTO wall_preset (id, agency_id, name, layout, camera_ids, created_by) VALUES ($1, $2, $3, $4, $5::uuid[], $6)
     ON CONFLICT (agency_id, name) DO UPDATE SET layout = EXCLUDED.layout, camera_ids = EXCLUDED.camera_ids, updated_at = now()
     RETURNING ${COLUMNS}, (xmax = 0) AS created`,
    [crypto.randomUUID(), agencyId, p.name, p.layout, p.cameraIds, userId],
  );
  return { preset: toDto(rows[0]!), created: rows[0]!.created };
}

export async function deletePresetRow(db: Db, agencyId: string, id: string): Promise<{ name: string } | null> {
  const { rows } = await db.query<{ name: string }>('DELETE FROM wall_preset WHERE agency_id = $1 AND id = $2 RETURNING name', [agencyId, id]);
  return rows[0] ?? null;
}
