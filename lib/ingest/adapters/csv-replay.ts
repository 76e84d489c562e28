import { ZEventInput, type EventInput } from '../../domain/event';
import { parseCsvRows } from './csv';
import { parseSfFireCad } from './sf-fire-cad';
import { parseSfShotspotter } from './sf-shotspotter';

/**
 * Files the replay CLI can post: a CSV export whose header names a known format, or NDJSON of EventInput.
 * Formats are recognised by their header, never by file name, so a renamed export still works.
 */

export interface ReplayFile {
  format: string;
  events: EventInput[];
  /** NDJSON lines that are not valid EventInput: reported, never sent. */
  rejected: { line: number; reason: string }[];
}

const CSV_FORMATS: { name: string; columns: string[]; parse: (text: string) => EventInput[] }[] = [
  { name: 'SF Fire CAD (DataSF nuek-vuh3)', columns: ['Call Number', 'RowID', 'Received DtTm', 'Call Type'], parse: parseSfFireCad },
  { name: 'SF ShotSpotter', columns: ['Type', 'ID', 'Date', 'Time', 'Rnds', 'Latitude', 'Longitude'], parse: parseSfShotspotter },
];

export function knownCsvFormats(): string[] {
  return CSV_FORMATS.map((f) => `${f.name} (${f.columns.join(', ')})`);
}

export function parseNdjson(text: string): ReplayFile {
  const events: EventInput[] = [];
  const rejected: ReplayFile['rejected'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      rejected.push({ line: i + 1, reason: `not JSON: ${(err as Error).message}` });
      return;
    }
    const parsed = ZEventInput.safeParse(json);
    if (parsed.success) events.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      rejected.push({ line: i + 1, reason: `${issue?.path.join('.') || 'event'}: ${issue?.message}` });
    }
  });
  return { format: 'NDJSON EventInput', events, rejected };
}

/** `name` decides CSV vs NDJSON (.csv / .ndjson / .jsonl); the CSV header decides which CSV. */
export function parseReplayFile(name: string, text: string): ReplayFile {
  if (/\.(ndjson|jsonl)$/i.test(name)) return parseNdjson(text);
  if (!/\.csv$/i.test(name)) throw new Error(`"${name}": expected a .csv or .ndjson file`);
  const nl = text.search(/\r?\n/);
  const firstLine = nl < 0 ? text : text.slice(0, nl);
  const header = new Set((parseCsvRows(firstLine)[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim()));
  const format = CSV_FORMATS.find((f) => f.columns.every((c) => header.has(c)));
  if (!format) throw new Error(`"${name}": unknown CSV header. Known formats:\n  ${knownCsvFormats().join('\n  ')}`);
  return { format: format.name, events: format.parse(text), rejected: [] };
}
