import type pg from 'pg';
import { agencyPlace } from '@/lib/agencies/agency-extent';
import type { EventKind } from '@/lib/domain/event';
import { ZMappingSpec, type MappingSpec } from '@/lib/domain/source-mapping';
import { AppError } from '@/lib/platform/errors/app-error';
import { codeLookup } from '@/lib/ingest/adapters/code-map';
import type { MappingContext } from './mapping/compile-mapping';

/** Everything an import into one source needs, read once per request: the source, its mapping, zone, codes, extent. */
export interface ImportTarget {
  sourceId: string;
  agencyId: string;
  name: string;
  kind: EventKind;
  spec: MappingSpec | null;
  /** The source's zone, else its agency's. */
  timeZone: string;
  ctx: MappingContext;
}

export async function loadImportTarget(pool: pg.Pool, sourceId: string, agencyId?: string): Promise<ImportTarget> {
  const { rows } = await pool.query<{ agency_id: string; name: string; kind: EventKind; time_zone: string | null; spec: unknown }>(
    `SELECT s.agency_id, s.name, s.kind, s.time_zone, m.spec FROM source s LEFT JOIN source_mapping m ON m.source_id = s.id
      WHERE s.id = $1 AND ($2::uuid IS NULL OR s.agency_id = $2)`,
    [sourceId, agencyId ?? null],
  );
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'No such source in your agency');
  const [place, codes] = await Promise.all([
    agencyPlace(pool, row.agency_id),
    pool.query<{ code: string; description: string; category: string; priority: number | null }>(
      'SELECT code, description, category, priority FROM source_code_map WHERE source_id = $1',
      [sourceId],
    ),
  ]);
  const parsed = row.spec ? ZMappingSpec.safeParse(row.spec) : null;
  const timeZone = row.time_zone || place.timeZone;
  return {
    sourceId,
    agencyId: row.agency_id,
    name: row.name,
    kind: row.kind,
    spec: parsed?.success ? parsed.data : null,
    timeZone,
    ctx: { timeZone, codes: codeLookup(row.kind, codes.rows), extent: place.extent },
  };
}
