/**
 * RFC 4180 CSV, whole text in memory (the largest seed file is 3 MB; streaming would buy nothing).
 *
 * Accepted beyond the RFC, because real exports do it: LF or lone CR line ends, a UTF-8 BOM, and a
 * literal `"` inside an unquoted field. Rejected, because any reading of it would be a guess:
 * an unterminated quoted field, text after a closing quote, a record whose field count differs from the
 * header's, and duplicate header names (one column would silently overwrite the other).
 */

export type CsvRecord = Record<string, string>;

export class CsvError extends Error {
  /** 1-based record number (the header is record 1), not the physical line: quoted fields may span lines. */
  readonly record: number;
  constructor(message: string, record: number) {
    super(`CSV record ${record}: ${message}`);
    this.name = 'CsvError';
    this.record = record;
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Every record as an array of fields, header included. An empty text has no records. */
export function parseCsvRows(text: string): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = s.length;
  const rows: string[][] = [];
  if (n === 0) return rows;
  let row: string[] = [];
  let i = 0;
  for (;;) {
    if (s.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = s.indexOf('"', from);
        if (q === -1) throw new CsvError('unterminated quoted field', rows.length + 1);
        value += s.slice(from, q);
        if (s.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = s.charCodeAt(i);
      if (i < n && next !== COMMA && next !== LF && next !== CR) {
        throw new CsvError('unexpected text after a closing quote', rows.length + 1);
      }
      row.push(value);
    } else {
      let j = i;
      while (j < n) {
        const c = s.charCodeAt(j);
        if (c === COMMA || c === LF || c === CR) break;
        j++;
      }
      row.push(s.slice(i, j));
      i = j;
    }
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    if (s.charCodeAt(i) === COMMA) {
      i++; // a comma at the very end still opens one more (empty) field, handled by the next pass
      continue;
    }
    i += s.charCodeAt(i) === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
    rows.push(row);
    row = [];
    // A final line break ends the last record; it does not open an empty one.
    if (i >= n) return rows;
  }
}

/**
 * Records keyed by the header's names (kept exactly, spaces included: SF's `Neighborhood  District` has two).
 * Blank lines are skipped, except in a one-column file where an empty line is an empty value.
 */
export function parseCsv(text: string): CsvRecord[] {
  const rows = parseCsvRows(text);
  const header = rows[0];
  if (!header) return [];
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new CsvError(`duplicate column "${name}"`, 1);
    seen.add(name);
  }
  const records: CsvRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.length === 1 && row[0] === '' && header.length > 1) continue;
    if (row.length !== header.length) {
      throw new CsvError(`${row.length} fields, header has ${header.length}`, r + 1);
    }
    // fromEntries defines own properties, so a column named "__proto__" cannot reach the prototype.
    records.push(Object.fromEntries(header.map((name, k) => [name, row[k] ?? ''])));
  }
  return records;
}

/** A field by column name; throws when the column does not exist, so a renamed column fails loudly. */
export function cell(record: CsvRecord, column: string): string {
  const value = Object.hasOwn(record, column) ? record[column] : undefined;
  if (value === undefined) throw new Error(`CSV has no column "${column}"`);
  return value;
}
