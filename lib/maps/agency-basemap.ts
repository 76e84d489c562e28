import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import { auditAdminChange } from '@/lib/audit/record';
import type { Basemap } from '@/lib/domain/basemap';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { OSM_ATTRIBUTION } from './basemaps';
import { readPmtilesInfo } from './pmtiles-file';

export const ZBasemapUploadQuery = z.strictObject({
  fileName: z.string().trim().min(1).max(200).regex(/\.pmtiles$/i, 'a .pmtiles file').default('basemap.pmtiles'),
  /** The credit the map shows for it (plain text); default: OpenStreetMap's, whose data Protomaps archives are. */
  attribution: z.string().trim().max(500).optional(),
});

export interface AgencyBasemapDto {
  fileName: string;
  size: number;
  sha256: string;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  attribution: string;
  uploadedAt: string;
}

interface Row {
  file_id: string;
  file_name: string;
  size: string;
  sha256: string;
  min_zoom: number;
  max_zoom: number;
  bounds: number[];
  attribution: string;
  uploaded_at: Date;
}

const dirOf = (dataDir: string, agencyId: string) => path.resolve(dataDir, 'basemaps', agencyId);
export const basemapPath = (dataDir: string, agencyId: string, fileId: string) => path.join(dirOf(dataDir, agencyId), `${fileId}.pmtiles`);

const toDto = (r: Row): AgencyBasemapDto => ({
  fileName: r.file_name,
  size: Number(r.size),
  sha256: r.sha256,
  minZoom: r.min_zoom,
  maxZoom: r.max_zoom,
  bounds: r.bounds as AgencyBasemapDto['bounds'],
  attribution: r.attribution,
  uploadedAt: r.uploaded_at.toISOString(),
});

async function selectRow(db: pg.Pool | pg.PoolClient, agencyId: string): Promise<Row | null> {
  const { rows } = await db.query<Row>('SELECT file_id, file_name, size, sha256, min_zoom, max_zoom, bounds, attribution, uploaded_at FROM agency_basemap WHERE agency_id = $1', [agencyId]);
  return rows[0] ?? null;
}

export async function getAgencyBasemap(pool: pg.Pool, agencyId: string): Promise<AgencyBasemapDto | null> {
  const r = await selectRow(pool, agencyId);
  return r ? toDto(r) : null;
}

/** The agency's street map as the console draws it, served by GET /api/basemap/[file] (same origin, Range). */
export async function agencyBasemapForMap(pool: pg.Pool, agencyId: string): Promise<Basemap | null> {
  const r = await selectRow(pool, agencyId);
  if (!r) return null;
  const [w, s, e, n] = r.bounds as [number, number, number, number];
  return { id: `agency-${r.file_id}`, name: r.file_name, url: `/api/basemap/${r.file_id}.pmtiles`, bounds: [w, s, e, n], maxzoom: r.max_zoom, attribution: r.attribution };
}

/**
 * PUT /api/admin/agency/basemap: stream the body to DATA_DIR/basemaps/<agency>/ (refused past the limit, hashed as
 * it lands), validate it as a PMTiles street map, then replace the agency's previous one in one transaction. A
 * refused file leaves nothing behind; the old file is deleted only once the new one is recorded.
 */
export async function uploadAgencyBasemap(
  rt: Pick<Runtime, 'pool' | 'env'>,
  admin: SessionUser,
  req: Request,
  query: z.infer<typeof ZBasemapUploadQuery>,
  ip: string | null,
): Promise<{ basemap: AgencyBasemapDto }> {
  const limit = rt.env.BASEMAP_MAX_BYTES;
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) throw new AppError('BAD_REQUEST', 'No file in the request body', [{ path: 'file', message: 'empty body' }]);
  const dir = dirOf(rt.env.DATA_DIR, admin.agencyId);
  await fsp.mkdir(dir, { recursive: true });
  const fileId = crypto.randomUUID();
  const tmp = path.join(dir, `${fileId}.part`);
  const final = basemapPath(rt.env.DATA_DIR, admin.agencyId, fileId);
  const hash = crypto.createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) return done(tooLarge(limit));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(req.body as import('node:stream/web').ReadableStream<Uint8Array>), counter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
    const fh = await fsp.open(tmp, 'r');
    const info = await readPmtilesInfo(fh, size).finally(() => fh.close());
    await fsp.rename(tmp, final);
    const attribution = query.attribution || OSM_ATTRIBUTION;
    const sha256 = hash.digest('hex');
    const previous = await withTransaction(rt.pool, async (client) => {
      const old = await client.query<{ file_id: string }>('SELECT file_id FROM agency_basemap WHERE agency_id = $1 FOR UPDATE', [admin.agencyId]);
      await client.query(
        `INSERT INTO agency_basemap (agency_id, file_id, file_name, size, sha256, min_zoom, max_zoom, bounds, attribution, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (agency_id) DO UPDATE SET file_id = EXCLUDED.file_id, file_name = EXCLUDED.file_name, size = EXCLUDED.size, sha256 = EXCLUDED.sha256,
           min_zoom = EXCLUDED.min_zoom, max_zoom = EXCLUDED.max_zoom, bounds = EXCLUDED.bounds, attribution = EXCLUDED.attribution,
           uploaded_by = EXCLUDED.uploaded_by, uploaded_at = now()`,
        [admin.agencyId, fileId, query.fileName, size, sha256, info.minZoom, info.maxZoom, info.bounds, attribution, admin.id],
      );
      await auditAdminChange(client, {
        user: admin,
        ip,
        action: 'admin.agency.basemap',
        targetType: 'agency',
        targetId: admin.agencyId,
        details: { fileName: query.fileName, size, sha256, zooms: [info.minZoom, info.maxZoom], bounds: info.bounds },
      });
      return old.rows[0]?.file_id ?? null;
    });
    if (previous) await fsp.rm(basemapPath(rt.env.DATA_DIR, admin.agencyId, previous), { force: true });
    return { basemap: toDto((await selectRow(rt.pool, admin.agencyId))!) };
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    // Recorded rows always name an existing file: a failure after the rename removes the new file again.
    const current = await selectRow(rt.pool, admin.agencyId).catch(() => null);
    if (current?.file_id !== fileId) await fsp.rm(final, { force: true });
    throw err;
  }
}

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `A base map may be at most ${limit} bytes (BASEMAP_MAX_BYTES)`, [{ path: 'file', message: 'too large' }]);
}

/** DELETE /api/admin/agency/basemap: back to the bundled street map (or MAP_STYLE_URL). */
export async function deleteAgencyBasemap(rt: Pick<Runtime, 'pool' | 'env'>, admin: SessionUser, ip: string | null): Promise<void> {
  const fileId = await withTransaction(rt.pool, async (client) => {
    const { rows } = await client.query<{ file_id: string }>('DELETE FROM agency_basemap WHERE agency_id = $1 RETURNING file_id', [admin.agencyId]);
    if (!rows[0]) throw new AppError('NOT_FOUND', 'This agency has no base map of its own');
    await auditAdminChange(client, { user: admin, ip, action: 'admin.agency.basemap', targetType: 'agency', targetId: admin.agencyId, details: { deleted: rows[0].file_id } });
    return rows[0].file_id;
  });
  await fsp.rm(basemapPath(rt.env.DATA_DIR, admin.agencyId, fileId), { force: true });
}
