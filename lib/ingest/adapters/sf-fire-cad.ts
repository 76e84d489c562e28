import type { EventInput, EventInputRaw } from '../../domain/event';
import { cell, type CsvRecord } from './csv';
import { parseCsvEvents } from './csv-events';
import { wallClockToUtcIso } from './local-time';

/**
 * San Francisco Fire Department "Calls for Service" (DataSF nuek-vuh3) CSV → events.
 * One row per responding unit, so one call appears as several events sharing `incidentNumber`;
 * `RowID` (call number + unit) is the unique key.
 */

export const SF_TIME_ZONE = 'America/Los_Angeles';

const DATE_TIME = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2}) (AM|PM)$/;

/** `MM/DD/YYYY hh:mm:ss AM/PM` in San Francisco local time → ISO UTC; '' → null; anything else throws. */
export function parseSfDateTime(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  const m = DATE_TIME.exec(t);
  if (!m) throw new RangeError(`"${text}" is not MM/DD/YYYY hh:mm:ss AM/PM`);
  const [, mm, dd, yyyy, hh, mi, ss, ampm] = m;
  const h12 = Number(hh);
  if (h12 < 1 || h12 > 12) throw new RangeError(`"${text}" has hour ${h12} on a 12-hour clock`);
  const hour = (h12 % 12) + (ampm === 'PM' ? 12 : 0);
  return wallClockToUtcIso(
    { year: Number(yyyy), month: Number(mm), day: Number(dd), hour, minute: Number(mi), second: Number(ss) },
    SF_TIME_ZONE,
  );
}

const LOCATION = /^\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)$/;

/**
 * `(lat, lon)` → numbers, or null when missing or outside the Bay Area. DataSF exports have used
 * placeholder points (0,0 and 90,-120.5) for unknown locations; a dot in the ocean is worse than none.
 */
export function parseSfLocation(text: string): { lat: number; lon: number } | null {
  const m = LOCATION.exec(text.trim());
  if (!m) return null;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  const inBayArea = lat >= 37 && lat <= 38.5 && lon >= -123.2 && lon <= -121.5;
  return inBayArea ? { lat, lon } : null;
}

/**
 * Console priority (1 = most urgent … 5) from SFFD `Final Priority`.
 *
 * In SF the number is a response code, not a rank, and it runs the other way: DataSF documents
 * "Code 2: Non-Emergency or Code 3: Emergency" (lights and siren). So a literal 3 → 3 mapping would put
 * every emergency below every non-emergency. In this file `Final Priority` only holds '3' (5,405 rows) and
 * '2' (2,299 rows); 'E' (emergency), 'A'/'B' and '1' occur only in `Priority`/`Original Priority`.
 * - '3' or 'E' (emergency) → 2, and → 1 when the incident went to 2+ alarms (multi-alarm fire);
 *   1 stays free for what the correlator escalates (e.g. a fire with shots fired nearby).
 * - '2' (non-emergency) → 3.
 * - anything else (letters used by other SF dispatch desks, blanks) → null: unknown, not guessed.
 */
export function sfFirePriority(finalPriority: string, numberOfAlarms: number | null): number | null {
  const code = finalPriority.trim().toUpperCase();
  if (code === '3' || code === 'E') return numberOfAlarms !== null && numberOfAlarms >= 2 ? 1 : 2;
  if (code === '2') return 3;
  return null;
}

/** DataSF writes the string `None` where a district is unknown (the 4 SFO airport call-box rows). */
function orNull(text: string): string | null {
  const t = text.trim();
  return t === '' || t === 'None' ? null : t;
}

function intOrNull(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

function rowToEvent(row: CsvRecord): EventInputRaw {
  const callType = cell(row, 'Call Type').trim();
  const location = parseSfLocation(cell(row, 'Location'));
  const numberOfAlarms = intOrNull(cell(row, 'Number of Alarms'));
  const received = parseSfDateTime(cell(row, 'Received DtTm'));
  if (received === null) throw new RangeError('Received DtTm is empty');
  return {
    externalId: cell(row, 'RowID').trim(),
    kind: 'cad',
    typeCode: callType,
    title: callType,
    address: orNull(cell(row, 'Address')) ?? undefined,
    occurredAt: received,
    lat: location?.lat ?? null,
    lon: location?.lon ?? null,
    priority: sfFirePriority(cell(row, 'Final Priority'), numberOfAlarms),
    payload: {
      incidentNumber: orNull(cell(row, 'Incident Number')),
      callNumber: orNull(cell(row, 'Call Number')),
      unitId: orNull(cell(row, 'Unit ID')),
      unitType: orNull(cell(row, 'Unit Type')),
      battalion: orNull(cell(row, 'Battalion')),
      neighborhood: orNull(cell(row, 'Neighborhood  District')),
      callTypeGroup: orNull(cell(row, 'Call Type Group')),
      // Kept raw because `priority` above is our reading of it, not the source's.
      finalPriority: orNull(cell(row, 'Final Priority')),
      dispatchAt: parseSfDateTime(cell(row, 'Dispatch DtTm')),
      onSceneAt: parseSfDateTime(cell(row, 'On Scene DtTm')),
      availableAt: parseSfDateTime(cell(row, 'Available DtTm')),
      disposition: orNull(cell(row, 'Call Final Disposition')),
      numberOfAlarms,
    },
  };
}

/** Parse the whole CSV text; throws on the first bad row, naming the CSV record and field. */
export function parseSfFireCad(csvText: string): EventInput[] {
  return parseCsvEvents('sf-fire-cad', csvText, rowToEvent);
}
