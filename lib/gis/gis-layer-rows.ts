import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import type { GisLayerDto } from '@/lib/domain/gis-layer';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';

/** The gis_layer table's reads and deletes; imports are in import-gis-layer.ts. */
export const GIS_LAYER_COLUMNS = 'id, name, source_format, file_name, feature_count, geometry_types, bbox, created_at';

export interface GisLayerRow {
  id: string;
  name: string;
  source_format: GisLayerDto['sourceFormat'];
  file_name: string;
  feature_count: number;
  geometry_types: string[];
  bbox: number[];
  created_at: Date;
}

export function gisLayerRowToDto(r: GisLayerRow): GisLayerDto {
  return { id: r.id, name: r.name, sourceFormat: r.source_format, fileName: r.file_name, featureCount: r.feature_count,
    geometryTypes: r.geometry_types, bbox: r.bbox, createdAt: r.created_at.toISOString() };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new AppError('NOT_FOUND', 'No such GIS layer');

export async function listGisLayers(pool: pg.Pool, agencyId: string): Promise<GisLayerDto[]> {
  const { rows } = await pool.query<GisLayerRow>(`SELECT ${GIS_LAYER_COLUMNS} FROM gis_layer WHERE agency_id = $1 ORDER BY name`, [agencyId]);
  return rows.map(gisLayerRowToDto);
}

/** The layer's features as GeoJSON text, straight from PostgreSQL (no parse and re-serialise in Node). */
export async function gisLayerFeatures(pool: pg.Pool, agencyId: string, id: string): Promise<string> {
  if (!UUID.test(id)) throw notFound();
  const { rows } = await pool.query<{ features: string }>('SELECT features::text AS features FROM gis_layer WHERE id = $1 AND agency_id = $2', [id, agencyId]);
  if (!rows[0]) throw notFound();
  return rows[0].features;
}

export async function deleteGisLayer(pool: pg.Pool, admin: SessionUser, id: string, ip: string | null): Promise<void> {
  if (!UUID.test(id)) throw notFound();
  await withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ name: string }>('DELETE FROM gis_layer WHERE id = $1 AND agency_id = $2 RETURNING name', [id, admin.agencyId]);
    if (!rows[0]) throw notFound();
    await auditAdminChange(client, { user: admin, ip, action: 'admin.gis_layer.delete', targetType: 'gis_layer', targetId: id, details: rows[0] });
  });
}
