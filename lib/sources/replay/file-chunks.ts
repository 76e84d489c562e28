import { parseCsvRows } from '@/lib/ingest/adapters/csv';
import { pathValue, csvLine } from '../mapping/read-records';

/**
 * A file cut into request-sized chunks of whole records, each knowing the file row number of its first record so
 * the server's report names the file's own rows. CSV chunks repeat the header; JSON chunks are arrays.
 */
export interface FileChunk {
  firstRow: number;
  count: number;
  contentType: string;
  body: string;
}

export interface SplitFile {
  /** Every record with its file row number and the record's fields (for pacing by mapped time). */
  records: { row: number; text: string; fields: Record<string, unknown> | null }[];
  chunk(from: number, to: number): FileChunk;
}

export function splitFile(text: string, format: 'csv' | 'ndjson' | 'json', recordsPath = ''): SplitFile {
  if (format === 'csv') {
    const rows = parseCsvRows(text);
    const header = (rows[0] ?? []).map((h) => h.trim());
    const headerLine = csvLine(header);
    const records = rows
      .slice(1)
      .filter((r) => !(r.length === 1 && r[0] === '' && header.length > 1))
      .map((r, i) => ({ row: i + 2, text: csvLine(r), fields: r.length === header.length ? Object.fromEntries(header.map((h, k) => [h, r[k]])) : null }));
    return {
      records,
      chunk: (from, to) => ({ firstRow: records[from]!.row, count: to - from, contentType: 'text/csv', body: [headerLine, ...records.slice(from, to).map((r) => r.text)].join('\n') }),
    };
  }
  if (format === 'ndjson') {
    const records = text
      .split(/\r?\n/)
      .map((line, i) => ({ row: i + 1, text: line.trim() }))
      .filter((r) => r.text)
      .map((r) => ({ ...r, fields: safeObject(r.text) }));
    return {
      records,
      // Blank lines between records would shift numbering: each chunk is sent with its own first row, and blank
      // lines are dropped, so a chunk holds consecutive non-blank lines numbered by the server from firstRow.
      chunk: (from, to) => ({ firstRow: records[from]!.row, count: to - from, contentType: 'application/x-ndjson', body: padLines(records.slice(from, to)) }),
    };
  }
  const doc = JSON.parse(text) as unknown;
  const list = Array.isArray(doc) ? doc : pathValue(doc, recordsPath);
  if (!Array.isArray(list)) throw new Error(recordsPath ? `JSON has no array at "${recordsPath}"` : 'JSON is not an array of records');
  const records = list.map((v, i) => ({ row: i + 1, text: JSON.stringify(v), fields: typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null }));
  return { records, chunk: (from, to) => ({ firstRow: from + 1, count: to - from, contentType: 'application/json', body: `[${records.slice(from, to).map((r) => r.text).join(',')}]` }) };
}

/** Lines at their file positions relative to the first (blank lines kept as blanks so row numbers hold). */
function padLines(recs: { row: number; text: string }[]): string {
  const first = recs[0]?.row ?? 1;
  const out: string[] = [];
  for (const r of recs) {
    while (out.length < r.row - first) out.push('');
    out.push(r.text);
  }
  return out.join('\n');
}

function safeObject(line: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(line) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
