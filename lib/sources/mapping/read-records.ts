import { CsvError, parseCsvRows } from '@/lib/ingest/adapters/csv';

/** One record of a file: its row number, its fields (CSV: by header name; JSON: the object), and its text. */
export interface FileRecord {
  row: number;
  fields: Record<string, unknown> | null;
  /** Why the record could not even be read (not JSON, wrong field count): refused with this reason. */
  unreadable?: string;
  raw: string;
}

export interface FileRecords {
  /** CSV only: the header, as the file wrote it. */
  header: string[] | null;
  records: FileRecord[];
}

/** One CSV field back to text: quoted when it must be. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/**
 * A file's records. `firstRow` is the row number of the first record (a replay sends a file in chunks and keeps the
 * file's own numbering). A record the reader cannot make sense of is kept with `unreadable`: one bad line never
 * hides the rest. Only a CSV whose quoting breaks the file's structure fails as a whole (CsvError).
 */
export function readRecords(text: string, format: 'csv' | 'ndjson' | 'json', opts: { recordsPath?: string; firstRow?: number } = {}): FileRecords {
  if (format === 'csv') return readCsv(text, opts.firstRow ?? 2);
  if (format === 'ndjson') return { header: null, records: readNdjson(text, opts.firstRow ?? 1) };
  return { header: null, records: readJson(text, opts.recordsPath ?? '', opts.firstRow ?? 1) };
}

/** A CSV record whose text is rebuilt from its cells only when asked (a refused row): most rows never need it. */
class CsvRecord implements FileRecord {
  constructor(
    readonly row: number,
    readonly fields: Record<string, unknown> | null,
    private readonly cells: readonly string[],
    readonly unreadable?: string,
  ) {}

  get raw(): string {
    return csvLine(this.cells);
  }
}

function readCsv(text: string, firstRow: number): FileRecords {
  const rows = parseCsvRows(text);
  const header = rows[0]?.map((h) => h.trim());
  if (!header) return { header: null, records: [] };
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new CsvError(`duplicate column "${h}"`, 1);
    seen.add(h);
  }
  const records: FileRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length === 1 && row[0] === '' && header.length > 1) continue;
    const rowNo = firstRow + records.length;
    if (row.length !== header.length) {
      records.push(new CsvRecord(rowNo, null, row, `${row.length} fields, the header has ${header.length}`));
      continue;
    }
    const fields: Record<string, unknown> = {};
    for (let k = 0; k < header.length; k++) fields[header[k]!] = row[k];
    records.push(new CsvRecord(rowNo, fields, row));
  }
  return { header, records };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readNdjson(text: string, firstRow: number): FileRecord[] {
  const out: FileRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    const row = firstRow + i;
    try {
      const v = JSON.parse(raw) as unknown;
      out.push(isObject(v) ? { row, fields: v, raw } : { row, fields: null, unreadable: 'not a JSON object', raw });
    } catch (err) {
      out.push({ row, fields: null, unreadable: `not JSON: ${(err as Error).message}`, raw });
    }
  }
  return out;
}

function readJson(text: string, recordsPath: string, firstRow: number): FileRecord[] {
  const doc = JSON.parse(text) as unknown;
  const list = Array.isArray(doc) ? doc : recordsPath ? pathValue(doc, recordsPath) : undefined;
  if (!Array.isArray(list)) throw new Error(recordsPath ? `JSON has no array at "${recordsPath}"` : 'JSON is not an array of records: set the records path');
  return list.map((v, i) => {
    const raw = JSON.stringify(v);
    return isObject(v) ? { row: firstRow + i, fields: v, raw } : { row: firstRow + i, fields: null, unreadable: 'not a JSON object', raw };
  });
}

/** `a.b.c` inside a JSON record; a CSV column name with dots is found whole first. */
export function pathValue(record: unknown, path: string): unknown {
  if (!isObject(record)) return undefined;
  if (Object.hasOwn(record, path)) return record[path];
  let cur: unknown = record;
  for (const key of path.split('.')) {
    if (!isObject(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}
