/**
 * Wall-clock time in an IANA zone → UTC. Source files (SF CAD, ShotSpotter) record local time without an
 * offset, and a fixed offset would be off by an hour for half the year, so the offset is asked of Intl.
 *
 * Rule for the two DST edges (same as Temporal's `disambiguation: 'compatible'` and java.time):
 * - ambiguous time (clocks fall back, e.g. 01:30 happens twice): the EARLIER instant, i.e. the first
 *   occurrence, still on daylight time. A dispatcher logging "01:30" most likely logged it before the change.
 * - nonexistent time (clocks spring forward, e.g. 02:30): read with the offset in force before the gap,
 *   which lands one gap-length later on the new clock (02:30 PST = 03:30 PDT). Never throws for a gap.
 */

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond?: number;
}

const DAY_MS = 86_400_000;

/*
 * One assumption, shared with wallClockToEpochMs: a zone changes its UTC offset at most once in any 48 h.
 * tzdb transitions are weeks or months apart, so it holds; it lets a whole UTC day whose two ends have the
 * same offset be cached as one span, which matters because an Intl call costs ~10 µs and the CAD file
 * needs ~30k conversions.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
/** zone → UTC day number → that day's offset, or null when the offset changes during the day. */
const dayOffsets = new Map<string, Map<number, number | null>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what a caller passing a typo should get.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function intlOffsetMs(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000; // Intl has no ms field; compare whole seconds
  const parts = formatterFor(timeZone).formatToParts(whole);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const p = parts.find((x) => x.type === type);
    return p ? Number(p.value) : NaN;
  };
  const bc = parts.find((x) => x.type === 'era')?.value === 'BC';
  const year = bc ? 1 - get('year') : get('year');
  const local = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - whole;
}

/** Offset of `timeZone` from UTC at `epochMs`, in ms (positive east of Greenwich; LA in winter: -8 h). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  let days = dayOffsets.get(timeZone);
  if (!days) {
    formatterFor(timeZone); // validate the zone before caching anything under its name
    days = new Map();
    dayOffsets.set(timeZone, days);
  }
  const day = Math.floor(epochMs / DAY_MS);
  let known = days.get(day);
  if (known === undefined) {
    const start = intlOffsetMs(day * DAY_MS, timeZone);
    known = start === intlOffsetMs((day + 1) * DAY_MS, timeZone) ? start : null;
    days.set(day, known);
  }
  return known ?? intlOffsetMs(epochMs, timeZone);
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * UTC epoch ms of the wall-clock fields read as if they were UTC; RangeError if a field is out of range (Date.UTC
 * silently rolls 31 April into 1 May; a source that says 31 April is wrong, not May). Checked by arithmetic, not
 * by a Date round trip: imports call this per row (a Date a call was a measurable share of bench:import).
 */
function wallAsUtc(w: WallClock): number {
  const ms = w.millisecond ?? 0;
  const { year, month, day, hour, minute, second } = w;
  const ok =
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && Number.isInteger(hour) && Number.isInteger(minute) && Number.isInteger(second) && Number.isInteger(ms) &&
    // Date.UTC reads years 0–99 as 1900–1999: those never round-tripped, so they stay refused.
    year >= 100 && year <= 275_759 &&
    month >= 1 && month <= 12 &&
    day >= 1 && day <= (month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!) &&
    hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && ms >= 0 && ms <= 999;
  if (!ok) throw new RangeError(`invalid wall clock time ${JSON.stringify(w)}`);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** The UTC instant (epoch ms) at which clocks in `timeZone` showed `wall`; see the file comment for DST edges. */
export function wallClockToEpochMs(wall: WallClock, timeZone: string): number {
  const asUtc = wallAsUtc(wall);
  // With at most one transition a day (see above), the offsets a day either side are the only candidates.
  const before = zoneOffsetMs(asUtc - DAY_MS, timeZone);
  const after = zoneOffsetMs(asUtc + DAY_MS, timeZone);
  const valid = [before, after]
    .map((offset) => asUtc - offset)
    .filter((t) => asUtc - zoneOffsetMs(t, timeZone) === t);
  if (valid.length > 0) return Math.min(...valid); // two only when ambiguous: take the earlier
  return asUtc - before; // in the gap: keep the pre-transition offset
}

/**
 * Like wallClockToEpochMs, and says whether the wall time was `ambiguous` (it happened twice: the earlier instant
 * is taken) or fell in a `gap` (it never happened: read with the offset before the change), so imports report it.
 */
export function resolveWallClock(wall: WallClock, timeZone: string): { epochMs: number; fold: 'none' | 'ambiguous' | 'gap' } {
  const asUtc = wallAsUtc(wall);
  const before = zoneOffsetMs(asUtc - DAY_MS, timeZone);
  const after = zoneOffsetMs(asUtc + DAY_MS, timeZone);
  // No change of offset within a day either side (nearly every row): the one reading is the answer, no fold.
  if (before === after && zoneOffsetMs(asUtc - before, timeZone) === before) return { epochMs: asUtc - before, fold: 'none' };
  const valid = [...new Set([before, after])].map((offset) => asUtc - offset).filter((t) => asUtc - zoneOffsetMs(t, timeZone) === t);
  if (valid.length > 1) return { epochMs: Math.min(...valid), fold: 'ambiguous' };
  if (valid.length === 1) return { epochMs: valid[0]!, fold: 'none' };
  return { epochMs: asUtc - before, fold: 'gap' };
}

/** A zone name Intl knows (`America/Chicago`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** ISO 8601 UTC string (`…Z`) for a wall-clock time in `timeZone`. */
export function wallClockToUtcIso(wall: WallClock, timeZone: string): string {
  return new Date(wallClockToEpochMs(wall, timeZone)).toISOString();
}
