import { ZEventInput, type EventInput, type EventInputRaw } from '../../domain/event';
import { parseCsv, type CsvRecord } from './csv';

/**
 * Parse a whole CSV text into events with one adapter's row mapping. Throws on the first bad row, naming the adapter,
 * the CSV record (the header is record 1) and the field, rather than dropping it: seed data that silently shrinks is
 * harder to notice than a failed seed.
 */
export function parseCsvEvents(adapter: string, csvText: string, rowToEvent: (row: CsvRecord) => EventInputRaw): EventInput[] {
  return parseCsv(csvText).map((row, index) => {
    const record = index + 2;
    let raw: EventInputRaw;
    try {
      raw = rowToEvent(row);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`${adapter} record ${record}: ${why}`, { cause: err });
    }
    const parsed = ZEventInput.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${adapter} record ${record}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return parsed.data;
  });
}
