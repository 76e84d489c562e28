import type { EventKind } from '@/lib/domain/event';
import type { FieldRule, MappingSpecInput } from '@/lib/domain/source-mapping';

/**
 * A first draft of a mapping from a file's column names, for the admin to correct with the preview: the usual
 * names portals give ids, types, times and places. Nothing is saved until the admin saves it.
 */
export function guessMapping(columns: readonly string[], kind: EventKind, format: 'csv' | 'ndjson' | 'json'): MappingSpecInput {
  const find = (...res: RegExp[]) => {
    for (const re of res) {
      const c = columns.find((x) => re.test(x));
      if (c) return c;
    }
    return undefined;
  };
  const col = (c: string | undefined): FieldRule | null => (c ? { from: 'column', value: c } : null);
  const id = find(/^(incident|event|call|case|cad|report)[ _]?(number|no|num|id)$/i, /^id$/i, /(_|\b)id$/i, /number$/i) ?? columns[0] ?? 'id';
  const type = find(/type[ _]?desc/i, /^(call[ _]?)?type([ _]?text)?$/i, /description/i, /^type/i, /category/i, /nature/i) ?? id;
  const when = find(/^date[ _]?time$/i, /datetime/i, /time[ _]?create/i, /received/i, /^(date|occurred|time)/i, /date/i, /time/i) ?? '';
  const lat = find(/^lat(itude)?$/i, /lat/i);
  const lon = find(/^(lon|lng|long|longitude)$/i, /lon|lng/i);
  const point = find(/^location$/i, /point|geom|location/i);
  return {
    target: 'event',
    format,
    kind,
    externalId: { from: 'column', value: id },
    typeCode: { from: 'column', value: type },
    occurredAt: { rule: { from: 'column', value: when }, format: 'iso' },
    location: lat && lon ? { mode: 'columns', lat, lon } : point ? { mode: 'point', column: point } : { mode: 'none' },
    address: col(find(/address/i, /^block/i, /street/i, /location[ _]?desc/i)),
    title: null,
    priority: null,
    keep: [],
  };
}
