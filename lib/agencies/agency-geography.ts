
import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { DISTRICT_KINDS, type DistrictDto, type DistrictKind } from '@/lib/domain/agency';
import { GisFileError, parseGisFile, polygonsOf, type GisFeature } from '@/lib/gis/parse-gis-file';
import { ZJurisdictionGeometry } from '@/lib/ingest/adapters/jurisdiction';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import { readBodyLimited } from '@/lib/platform/http/read-body';
import { forgetAgency } from './agency-extent';

/** Boundary files are often detailed (a city line of 50,000 vertices): larger than a JSON request. */
export const MAX_GIS_BYTES = 32 * 1024 * 1024;
export { GIS_CONTENT_TYPES } from '@/lib/gis/parse-gis-file';

async function readGis(req: Request, fileName: string): Promise<GisFeature[]> {
  const bytes = await readBodyLimited(req, MAX_GIS_BYTES);
  try {
    return (await parseGisFile(bytes, fileName)).features;
  } catch (err) {
    if (err instanceof GisFileError) throw new AppError('BAD_REQUEST', err.message, [{ path: 'file', message: err.message }]);
    throw err;
  }
}

function checked(geometry: unknown, what: string) {
  const parsed = ZJurisdictionGeometry.safeParse(geometry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.');
    throw new AppError('BAD_REQUEST', `${what}: ${path ? `${path}: ` : ''}${issue.message}`, [{ path: path || 'geometry', message: issue.message }]);
  }
  return parsed.data;
}

/**
 * PUT /api/admin/agency/jurisdiction: the agency's area from a GeoJSON FeatureCollection / Feature / (Multi)Polygon,
 * a KML or a zipped shapefile; every polygon in the file together, as one MultiPolygon. Events outside its extent
 * are flagged and kept out of live views from now on (lib/domain/event-rules.ts).
 */
export async function setAgencyJurisdiction(pool: pg.Pool, admin: SessionUser, req: Request, fileName: string, ip: string | null): Promise<{ polygons: number }> {
  const features = await readGis(req, fileName);
  const multi = polygonsOf(features);
  if (!multi) throw new AppError('BAD_REQUEST', `The file has no polygon (${features.length} features)`, [{ path: 'file', message: 'no Polygon or MultiPolygon' }]);
  const geometry = checked(multi, 'Jurisdiction');
  await withTransaction(pool, async (client) => {
    await client.query('UPDATE agency SET jurisdiction = $2, updated_at = now() WHERE id = $1', [admin.agencyId, JSON.stringify(geometry)]);
    await auditAdminChange(client, { user: admin, ip, action: 'admin.agency.jurisdiction', targetType: 'agency', targetId: admin.agencyId, details: { fileName, polygons: multi.coordinates.length } });
  });
  forgetAgency(admin.agencyId);
  return { polygons: multi.coordinates.length };
}

export async function clearAgencyJurisdiction(pool: pg.Pool, admin: SessionUser, ip: string | null): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query('UPDATE agency SET jurisdiction = NULL, updated_at = now() WHERE id = $1', [admin.agencyId]);
    await auditAdminChange(client, { user: admin, ip, action: 'admin.agency.jurisdiction', targetType: 'agency', targetId: admin.agencyId, details: { cleared: true } });
  });
  forgetAgency(admin.agencyId);
}

/** The property to read a code or name from: the one asked for, else the first that looks like one. */
function pick(props: Record<string, unknown>, asked: string, guesses: RegExp): string {
  if (asked) return String(props[asked] ?? '').trim();
  const key = Object.keys(props).find((k) => guesses.test(k));
  return key ? String(props[key] ?? '').trim() : '';
}

/**
 * PUT /api/admin/agency/districts?kind=district|beat: replace the agency's districts (or beats) with the file's
 * polygons, one per feature, coded by `codeProperty` (default: a property named like num/code/id/beat/district).
 * A feature without a polygon or a code is refused by its number, and nothing is stored.
 */
export async function importDistricts(
  pool: pg.Pool,
  admin: SessionUser,
  req: Request,
  q: { kind: DistrictKind; fileName: string; codeProperty: string; nameProperty: string },
  ip: string | null,
): Promise<{ kind: DistrictKind; count: number }> {
  if (!DISTRICT_KINDS.includes(q.kind)) throw new AppError('BAD_REQUEST', 'kind must be district or beat');
  const features = await readGis(req, q.fileName);
  const rows = features.map((f, i) => {
    const geometry = polygonsOf([f]);
    const code = pick(f.properties, q.codeProperty, /(^|_)(num|no|code|id|beat|district|dist)(_|$)|^name$/i);
    if (!geometry) throw new AppError('BAD_REQUEST', `Feature ${i + 1} has no polygon`, [{ path: `features[${i}].geometry`, message: 'no polygon' }]);
    if (!code) throw new AppError('BAD_REQUEST', `Feature ${i + 1} has no code${q.codeProperty ? ` in "${q.codeProperty}"` : ''}`, [{ path: `features[${i}].properties`, message: 'no code' }]);
    const name = pick(f.properties, q.nameProperty, /label|name|desc/i) || code;
    return { code: code.slice(0, 100), name: name.slice(0, 200), geometry: checked(geometry, `Feature ${i + 1}`) };
  });
  if (!rows.length) throw new AppError('BAD_REQUEST', 'The file has no features');
  const dup = rows.find((r, i) => rows.findIndex((x) => x.code === r.code) !== i);
  if (dup) throw new AppError('BAD_REQUEST', `Code "${dup.code}" appears twice: choose the property that tells ${q.kind}s apart`, [{ path: 'codeProperty', message: 'not unique' }]);
  await withTransaction(pool, async (client) => {
    await client.query('DELETE FROM agency_district WHERE agency_id = $1 AND kind = $2', [admin.agencyId, q.kind]);
    await client.query(
      `INSERT INTO agency_district (id, agency_id, kind, code, name, geometry) SELECT gen_random_uuid(), $1, $2, * FROM unnest($3::text[], $4::text[], $5::jsonb[])`,
      [admin.agencyId, q.kind, rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => JSON.stringify(r.geometry))],
    );
    await auditAdminChange(client, { user: admin, ip, action: 'admin.agency.districts', targetType: 'agency', targetId: admin.agencyId, details: { kind: q.kind, count: rows.length, fileName: q.fileName } });
  });
  return { kind: q.kind, count: rows.length };
}

export async function listDistricts(pool: pg.Pool, agencyId: string): Promise<DistrictDto[]> {
  const { rows } = await pool.query<DistrictDto>('SELECT id, kind, code, name FROM agency_district WHERE agency_id = $1 ORDER BY kind, code', [agencyId]);
  return rows;
}

