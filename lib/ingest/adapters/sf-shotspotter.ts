import type { EventInput, EventInputRaw } from '../../domain/event';
import { cell, type CsvRecord } from './csv';
import { parseCsvEvents } from './csv-events';
import { wallClockToUtcIso } from './local-time';

/**
 * San Francisco ShotSpotter alerts (SFPD, via Justice Tech Lab) CSV → events.
 *
 * About 70% of rows in the published file have neither `Type` nor `ID` (1,285 of them on 4 July 2013:
 * fireworks). They are still real detections with a time, place and round count, so they are kept:
 * typeCode `Unclassified`, and an externalId built from the row's own time and coordinates, which are
 * unique across the file and stable across re-imports.
 */

const SF_TIME_ZONE = 'America/Los_Angeles';
export const UNCLASSIFIED = 'Unclassified';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * `1-Jan-13` + `0:01:47` (24-hour, San Francisco local) → ISO UTC. Two-digit years are read as 20YY,
 * which is right for this export (2013–2015) and for any SF alert data published since.
 */
export function parseShotspotterDateTime(date: string, time: string): string {
  const d = /^(\d{1,2})-([A-Za-z]{3})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(time.trim());
  const month = d ? MONTHS[(d[2] ?? '').toLowerCase()] : undefined;
  if (!d || !t || month === undefined) throw new RangeError(`"${date} ${time}" is not D-Mon-YY H:MM:SS`);
  return wallClockToUtcIso(
    {
      year: 2000 + Number(d[3]),
      month,
      day: Number(d[1]),
      hour: Number(t[1]),
      minute: Number(t[2]),
      second: Number(t[3]),
    },
    SF_TIME_ZONE,
  );
}

/** Multiple shots are the likelier shooting (vs. a single backfire or firework): they rank first. */
export function shotspotterPriority(type: string): number {
  if (type === 'Multiple_Gunshots') return 1;
  if (type === 'Single_Gunshot') return 2;
  return 3;
}

const TITLES: Record<string, string> = {
  Multiple_Gunshots: 'Multiple gunshots',
  Single_Gunshot: 'Single gunshot',
  [UNCLASSIFIED]: 'Gunshot (unclassified)',
};

function coordinate(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^-?\d+(?:\.\d+)?$/.test(t)) return null;
  const v = Number(t);
  return v >= min && v <= max && v !== 0 ? v : null;
}

function orNull(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

function rowToEvent(row: CsvRecord): EventInputRaw {
  const sourceId = orNull(cell(row, 'ID'));
  const typeCode = orNull(cell(row, 'Type')) ?? UNCLASSIFIED;
  const occurredAt = parseShotspotterDateTime(cell(row, 'Date'), cell(row, 'Time'));
  const latText = cell(row, 'Latitude').trim();
  const lonText = cell(row, 'Longitude').trim();
  const rounds = cell(row, 'Rnds').trim();
  return {
    // Raw coordinate text, not re-formatted numbers, so the synthetic id never shifts with float printing.
    externalId: sourceId ?? `noid:${occurredAt}:${latText},${lonText}`,
    kind: 'gunshot',
    typeCode,
    title: TITLES[typeCode] ?? typeCode.replaceAll('_', ' '),
    address: orNull(cell(row, 'returned address')) ?? undefined,
    occurredAt,
    lat: coordinate(latText, -90, 90),
    lon: coordinate(lonText, -180, 180),
    priority: shotspotterPriority(typeCode),
    payload: {
      shotspotterId: sourceId,
      rounds: /^\d+$/.test(rounds) ? Number(rounds) : null,
      beat: orNull(cell(row, 'Beat')),
      dispo: orNull(cell(row, 'DISPO')),
    },
  };
}

/** Parse the whole CSV text; throws on the first bad row, naming the CSV record and field. */
export function parseSfShotspotter(csvText: string): EventInput[] {
  return parseCsvEvents('sf-shotspotter', csvText, rowToEvent);
}
