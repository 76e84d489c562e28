import type pg from 'pg';
import type { SessionUser } from '@/lib/auth/session-user';
import { assertCan } from '@/lib/policy/assert-can';
import { iterateEvents } from './search-sql';
import type { SearchEvent, SearchQuery } from './types';

const HEADER = ['seq', 'occurred_at', 'kind', 'type_code', 'priority', 'title', 'address', 'lat', 'lon', 'plate', 'caller_number', 'source_id', 'external_id'];

/** One CSV cell. A leading = + - @ is defused so a spreadsheet never runs a payload field as a formula. */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(e: SearchEvent): string {
  return [e.seq, e.occurredAt, e.kind, e.typeCode, e.priority, e.title, e.address, e.lat, e.lon, e.plate, e.callerNumber, e.sourceId, e.externalId]
    .map(csvCell)
    .join(',');
}

/**
 * Every event of a search as CSV, streamed page by page (keyset), so a month of a city's traffic never sits in
 * memory. The caller audits the export before streaming starts.
 */
export function exportEventsCsv(pool: pg.Pool, user: SessionUser | null, q: SearchQuery): ReadableStream<Uint8Array> {
  const me = assertCan(user, 'export.create');
  const enc = new TextEncoder();
  const pages = iterateEvents(pool, me.agencyId, q);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(enc.encode(`${HEADER.join(',')}\r\n`));
        return;
      }
      const next = await pages.next();
      if (next.done) controller.close();
      else controller.enqueue(enc.encode(next.value.map((e) => `${csvRow(e)}\r\n`).join('')));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
