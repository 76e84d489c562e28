import type pg from 'pg';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import type { CadSettings, CodeMapEntry } from '../ingest/adapters/cad-json';
import { ZJurisdictionGeometry, type JurisdictionGeometry } from '../ingest/adapters/jurisdiction';

/** SQL for per-source ingest settings (code map, jurisdiction, HMAC secret). One module, plain pg. */

export async function loadCadSettings(pool: pg.Pool, sourceId: string): Promise<CadSettings> {
  const [codes, area] = await Promise.all([
    pool.query<{ code: string; description: string; category: string; priority: number | null }>(
      'SELECT code, description, category, priority FROM source_code_map WHERE source_id = $1',
      [sourceId],
    ),
    pool.query<{ geometry: unknown }>('SELECT geometry FROM source_jurisdiction WHERE source_id = $1', [sourceId]),
  ]);
  const codeMap = new Map<string, CodeMapEntry>(
    codes.rows.map((r) => [r.code, { description: r.description, category: r.category, priority: r.priority }]),
  );
  const geometry = area.rows[0] ? ZJurisdictionGeometry.safeParse(area.rows[0].geometry) : null;
  return { codeMap, jurisdiction: geometry?.success ? geometry.data : null };
}

/** 404 unless the source exists in the admin's agency: an admin of one agency never edits another's sources. */
export async function assertAgencySource(pool: pg.Pool, sourceId: string, agencyId: string): Promise<void> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const { rowCount } = uuid.test(sourceId)
    ? await pool.query('SELECT 1 FROM source WHERE id = $1 AND agency_id = $2', [sourceId, agencyId])
    : { rowCount: 0 };
  if (!rowCount) throw new AppError('NOT_FOUND', 'No such source in your agency');
}

export interface CodeMapRow {
  code: string;
  description: string;
  category: string;
  priority: number | null;
}

/** Replace the source's whole code map in one transaction (an upload is the complete list). */
export async function replaceCodeMap(pool: pg.Pool, sourceId: string, rows: CodeMapRow[]): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query('DELETE FROM source_code_map WHERE source_id = $1', [sourceId]);
    await client.query(
      `INSERT INTO source_code_map (source_id, code, description, category, priority)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int2[])`,
      [sourceId, rows.map((r) => r.code), rows.map((r) => r.description), rows.map((r) => r.category), rows.map((r) => r.priority)],
    );
  });
}

export async function saveJurisdiction(pool: pg.Pool, sourceId: string, geometry: JurisdictionGeometry | null): Promise<void> {
  if (geometry === null) {
    await pool.query('DELETE FROM source_jurisdiction WHERE source_id = $1', [sourceId]);
    return;
  }
  await pool.query(
    `INSERT INTO source_jurisdiction (source_id, geometry, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (source_id) DO UPDATE SET geometry = EXCLUDED.geometry, updated_at = now()`,
    [sourceId, JSON.stringify(geometry)],
  );
}

export async function saveHmacSecret(pool: pg.Pool, sourceId: string, secret: string | null): Promise<void> {
  await pool.query(
    `INSERT INTO source_secret (source_id, hmac_secret, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (source_id) DO UPDATE SET hmac_secret = EXCLUDED.hmac_secret, updated_at = now()`,
    [sourceId, secret],
  );
}
