import type { z } from 'zod';
import { AppError, type FieldIssue } from '@/lib/platform/errors/app-error';
import { readTextLimited } from '@/lib/platform/http/read-body';
import { CsvError, parseCsv } from './adapters/csv';

/** Admin CSV uploads (hotlists, code maps, camera lists) may be far larger than one ingest batch. */
export const MAX_CSV_BYTES = 32 * 1024 * 1024;
export const MAX_CSV_ROWS = 200_000;

/**
 * Read a `text/csv` body and validate every record with `row` (keys: header names, trimmed and lower-cased).
 * All-or-nothing: the first bad record is named (`record 7 (plate): …`; the header is record 1).
 */
export async function readCsvUpload<T>(req: Request, row: z.ZodType<T>): Promise<T[]> {
  if (!/^text\/csv\b/i.test(req.headers.get('content-type') ?? '')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be text/csv');
  }
  const text = await readTextLimited(req, MAX_CSV_BYTES, 'CSV is not valid UTF-8');
  let records: Record<string, string>[];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw new AppError('BAD_REQUEST', err.message, [{ path: `record ${err.record}`, message: err.message }]);
    throw err;
  }
  if (records.length > MAX_CSV_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `CSV has more than ${MAX_CSV_ROWS} records`);
  const out: T[] = [];
  for (let i = 0; i < records.length; i++) {
    const rec = Object.fromEntries(Object.entries(records[i]!).map(([k, v]) => [k.trim().toLowerCase(), v.trim()]));
    const parsed = row.safeParse(rec);
    if (!parsed.success) {
      const issues: FieldIssue[] = parsed.error.issues.map((is) => ({
        path: `record ${i + 2}${is.path.length ? ` (${is.path.join('.')})` : ''}`,
        message: is.message,
      }));
      throw new AppError('BAD_REQUEST', `Invalid CSV: ${issues[0]!.path}: ${issues[0]!.message}`, issues);
    }
    out.push(parsed.data);
  }
  return out;
}

export { blankToUndefined } from './adapters/adapter-error';
