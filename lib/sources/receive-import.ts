import { z } from 'zod';
import type { ImportReport } from '@/lib/domain/source-mapping';
import { MAX_CSV_BYTES } from '@/lib/ingest/csv-upload';
import { CsvError } from '@/lib/ingest/adapters/csv';
import { bodyText, receiveFromSource } from '@/lib/ingest/source-request';
import { AppError } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { importRecords } from './import-records';
import { loadImportTarget } from './import-target';
import { readRecords, type FileRecords } from './mapping/read-records';

export const ZImportQuery = z.strictObject({
  /** Default: from Content-Type, else the mapping's. `events`: NDJSON of the console's own EventInput, no mapping. */
  format: z.enum(['csv', 'ndjson', 'json', 'events']).optional(),
  /** Row number of the first record (a client sending a file in chunks keeps the file's numbering). */
  firstRow: z.coerce.number().int().min(1).max(1_000_000_000).optional(),
  report: z.enum(['rows', 'problems']).default('problems'),
});
export type ImportQuery = z.infer<typeof ZImportQuery>;

/** Largest file one import request may carry: bigger files are sent in chunks (npm run replay does). */
export const MAX_IMPORT_BYTES = MAX_CSV_BYTES;

function formatOf(contentType: string): 'csv' | 'ndjson' | 'json' | null {
  if (/^text\/csv\b/i.test(contentType)) return 'csv';
  if (/^application\/(x-)?ndjson\b|^application\/jsonl\b/i.test(contentType)) return 'ndjson';
  if (/^application\/json\b/i.test(contentType)) return 'json';
  return null;
}

/** Records of a body in a format; a file whose structure breaks (CSV quoting, JSON syntax) is a 400 as a whole. */
export function parseBody(text: string, format: 'csv' | 'ndjson' | 'json', recordsPath: string, firstRow?: number): FileRecords {
  try {
    return readRecords(text, format, { recordsPath, firstRow });
  } catch (err) {
    if (err instanceof CsvError) throw new AppError('BAD_REQUEST', err.message, [{ path: `record ${err.record}`, message: err.message }]);
    throw new AppError('BAD_REQUEST', `Invalid ${format.toUpperCase()}: ${(err as Error).message}`);
  }
}

/**
 * POST /api/ingest/import: a file (or a chunk of one) through the source's saved mapping, accepted row by row
 * (partial acceptance, unlike the all-or-nothing batch doors). Answers 200 with the report only after COMMIT.
 */
export async function receiveImport(rt: Runtime, req: Request, query: ImportQuery): Promise<ImportReport> {
  const request = await receiveFromSource(rt, req, { maxBytes: MAX_IMPORT_BYTES });
  const target = await loadImportTarget(rt.pool, request.source.id);
  const passthrough = query.format === 'events';
  const spec = passthrough ? null : target.spec;
  if (!passthrough && !spec) throw new AppError('CONFLICT', `Source "${target.name}" has no saved mapping: save one in admin, or send format=events`);
  const format = passthrough ? 'ndjson' : ((query.format as 'csv' | 'ndjson' | 'json' | undefined) ?? formatOf(request.contentType) ?? spec!.format);
  const { records } = parseBody(bodyText(request), format, spec?.recordsPath ?? '', query.firstRow);
  return importRecords(rt, target, spec, records, { report: query.report });
}
