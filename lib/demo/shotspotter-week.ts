import type { EventInput } from '@/lib/domain/event';
import { cell, parseCsv } from '@/lib/ingest/adapters/csv';
import { wallClockToUtcIso } from '@/lib/ingest/adapters/local-time';
import { parseSfShotspotter } from '@/lib/ingest/adapters/sf-shotspotter';
import { SF_TIME_ZONE } from '@/lib/ingest/adapters/sf-fire-cad';

const MONTHS: Record<string, number> = { dec: 12, jan: 1 };

/**
 * The SF ShotSpotter detections (2013–2015) that fall on the demo week's calendar days (31 December – 7 January)
 * of any year, moved onto the CAD week (31 Dec 2016 – 7 Jan 2017): same place, same San Francisco clock time,
 * same calendar day; only the year changes. New Year's Eve keeps its real burst around midnight.
 * Detections without coordinates are left out (nothing to show). Returns events in the CSV adapter's shape.
 */
export function shotspotterOnDemoWeek(csvText: string): EventInput[] {
  const events = parseSfShotspotter(csvText);
  const rows = parseCsv(csvText);
  const out: EventInput[] = [];
  rows.forEach((row, i) => {
    const e = events[i]!;
    if (e.lat === null || e.lon === null) return;
    const d = /^(\d{1,2})-([A-Za-z]{3})-\d{2}$/.exec(cell(row, 'Date').trim());
    const t = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(cell(row, 'Time').trim());
    const month = d ? MONTHS[d[2]!.toLowerCase()] : undefined;
    if (!d || !t || month === undefined) return;
    const day = Number(d[1]);
    if ((month === 12 && day !== 31) || (month === 1 && day > 7)) return;
    const occurredAt = wallClockToUtcIso(
      { year: month === 12 ? 2016 : 2017, month, day, hour: Number(t[1]), minute: Number(t[2]), second: Number(t[3]) },
      SF_TIME_ZONE,
    );
    out.push({ ...e, occurredAt, payload: { ...e.payload, originalOccurredAt: e.occurredAt } });
  });
  return out;
}

/** One detection as the gunshot ingest door takes it (`POST /api/ingest/gunshot`). */
export function toGunshotDetection(e: EventInput): Record<string, unknown> {
  const p = e.payload as { rounds?: number | null; beat?: string | null; dispo?: string | null };
  return {
    incidentId: e.externalId,
    occurredAt: e.occurredAt,
    lat: e.lat,
    lon: e.lon,
    type: e.typeCode,
    ...(typeof p.rounds === 'number' ? { rounds: p.rounds } : {}),
    ...(e.address ? { address: e.address } : {}),
    ...(p.beat ? { beat: p.beat } : {}),
    ...(p.dispo ? { dispo: p.dispo } : {}),
    provider: 'ShotSpotter SF 2013-15, time-shifted',
  };
}
