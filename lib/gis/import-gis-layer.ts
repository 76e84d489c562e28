import crypto from 'node:crypto';
import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import type { GisLayerDto } from '@/lib/domain/gis-layer';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import { readBodyLimited } from '@/lib/platform/http/read-body';
import { checkFeatures } from './check-features';
import { GIS_LAYER_COLUMNS, gisLayerRowToDto, type GisLayerRow } from './gis-layer-rows';
import { detectGisFormat, GisFileError, parseGisFile } from './parse-gis-file';

/** A layer file may be detailed (every hydrant of a city), but it is sent to every console that shows it. */
export const MAX_LAYER_BYTES = 16 * 1024 * 1024;

/**
 * POST /api/admin/gis/layers: a GeoJSON, KML or zipped shapefile becomes one named layer of the agency. The file is
 * read and checked whole before anything is written: a bad file is a 400 naming the problem and stores nothing.
 */
export async function importGisLayer(pool: pg.Pool, admin: SessionUser, req: Request, input: { name: string; fileName: string }, ip: string | null): Promise<GisLayerDto> {
  const bytes = await readBodyLimited(req, MAX_LAYER_BYTES);
  if (!bytes.length) throw new AppError('BAD_REQUEST', 'file: empty body', [{ path: 'file', message: 'empty body' }]);
  let format;
  let collection;
  try {
    format = detectGisFormat(bytes, input.fileName);
    collection = await parseGisFile(bytes, input.fileName);
  } catch (err) {
    if (err instanceof GisFileError) throw new AppError('BAD_REQUEST', `file: ${err.message}`, [{ path: 'file', message: err.message }]);
    throw err;
  }
  const layer = checkFeatures(collection);
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<GisLayerRow>(
      `INSERT INTO gis_layer (id, agency_id, name, source_format, file_name, feature_count, geometry_types, bbox, features, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
       ON CONFLICT (agency_id, name) DO NOTHING RETURNING ${GIS_LAYER_COLUMNS}`,
      [crypto.randomUUID(), admin.agencyId, input.name, format, input.fileName, layer.features.length, layer.geometryTypes, layer.bbox,
        JSON.stringify({ type: 'FeatureCollection', features: layer.features }), admin.id],
    );
    if (!rows[0]) throw new AppError('CONFLICT', `A layer named "${input.name}" already exists`, [{ path: 'name', message: 'already used' }]);
    await auditAdminChange(client, { user: admin, ip, action: 'admin.gis_layer.create', targetType: 'gis_layer', targetId: rows[0].id,
      details: { name: input.name, fileName: input.fileName, format, features: layer.features.length } });
    return gisLayerRowToDto(rows[0]);
  });
}
