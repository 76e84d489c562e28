import type { EventInput } from '@/lib/domain/event';
import { hash32 } from './calls-eido';

/**
 * Synthetic plate reads at four demo LPR readers (real San Francisco places, invented readers), one read every
 * few minutes each on the demo clock, with invented California-style plates; about one read in eighty is a plate
 * of the demo hotlist, which the ingest door turns into a hotlist-hit alert like any real hit.
 */

export const DEMO_LPR_READERS = [
  { id: 'demo-lpr-bay-bridge', name: 'Bay Bridge approach (5th & Bryant)', lat: 37.7776, lon: -122.4005, heading: 45 },
  { id: 'demo-lpr-golden-gate', name: 'Golden Gate Bridge toll plaza', lat: 37.8066, lon: -122.4756, heading: 340 },
  { id: 'demo-lpr-van-ness', name: 'Van Ness & Market', lat: 37.7752, lon: -122.4193, heading: 0 },
  { id: 'demo-lpr-bayview', name: '3rd St & Evans (Bayview)', lat: 37.7426, lon: -122.3877, heading: 160 },
] as const;

export const DEMO_HOTLIST = [
  { plate: '7DMO001', state: 'CA', reason: 'Stolen vehicle (demo hotlist)', priority: 2 },
  { plate: '8DMO042', state: 'CA', reason: 'Wanted: armed robbery suspect vehicle (demo hotlist)', priority: 1 },
  { plate: '6DMO777', state: 'CA', reason: 'Amber alert vehicle (demo hotlist)', priority: 1 },
] as const;

const EVERY_MS = 8 * 60_000;
const HOT_ONE_IN = 80;
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const MAKES = ['Toyota', 'Honda', 'Ford', 'Tesla', 'Chevrolet', 'Nissan', 'Subaru', 'BMW'];
const COLORS = ['white', 'black', 'silver', 'grey', 'blue', 'red'];

function plateFor(h: number): string {
  const l = (i: number) => LETTERS[(h >>> (i * 5)) % LETTERS.length]!;
  return `${1 + (h % 9)}${l(1)}${l(2)}${l(3)}${String((h >>> 7) % 1000).padStart(3, '0')}`;
}

/** Reads over one demo period [origin, origin + periodMs), on the recording's clock. */
export function lprReads(origin: number, periodMs: number): EventInput[] {
  const out: EventInput[] = [];
  DEMO_LPR_READERS.forEach((r, ri) => {
    for (let t = origin + ri * 37_000; t < origin + periodMs; t += EVERY_MS) {
      const h = hash32(`${r.id}@${t}`);
      const at = t + (h % 90_000);
      const hot = h % HOT_ONE_IN === 0 ? DEMO_HOTLIST[(h >>> 8) % DEMO_HOTLIST.length]! : null;
      out.push({
        externalId: `${r.id}-${at}`,
        kind: 'lpr',
        typeCode: 'read',
        occurredAt: new Date(at).toISOString(),
        lat: r.lat,
        lon: r.lon,
        priority: null,
        title: hot?.plate ?? plateFor(h),
        payload: { readerId: r.id, make: MAKES[(h >>> 3) % MAKES.length], color: COLORS[(h >>> 11) % COLORS.length], heading: r.heading },
      });
    }
  });
  return out;
}

/** One read as the generic LPR door takes it (`POST /api/ingest/lpr`). */
export function toLprRead(e: EventInput): Record<string, unknown> {
  const p = e.payload as { readerId: string; make: string; color: string; heading: number };
  const h = hash32(e.externalId);
  return {
    readId: e.externalId,
    plate: e.title,
    state: 'CA',
    confidence: 80 + (h % 20),
    cameraId: p.readerId,
    occurredAt: e.occurredAt,
    lat: e.lat,
    lon: e.lon,
    direction: p.heading,
    vehicle: { make: p.make, color: p.color },
  };
}
