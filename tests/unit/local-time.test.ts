import { describe, expect, it } from 'vitest';
import { type WallClock, wallClockToEpochMs, wallClockToUtcIso, zoneOffsetMs } from '../../lib/ingest/adapters/local-time';

const LA = 'America/Los_Angeles';
const HOUR = 3_600_000;

function wall(iso: string): WallClock {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?$/.exec(iso);
  if (!m) throw new Error(`bad test input ${iso}`);
  const [, year, month, day, hour, minute, second, ms] = m;
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: ms === undefined ? 0 : Number(ms),
  };
}

const toUtc = (local: string, zone = LA): string => wallClockToUtcIso(wall(local), zone);

describe('wallClockToUtcIso', () => {
  // [what the case shows, wall clock in Los Angeles, the UTC instant]
  const LA_CASES: [string, string, string][] = [
    ['uses PST (-8) in winter, across a year boundary in UTC', '2016-12-31T23:57:56', '2017-01-01T07:57:56.000Z'],
    ['uses PDT (-7) in summer', '2013-07-04T21:30:00', '2013-07-05T04:30:00.000Z'],
    ['keeps milliseconds', '2016-06-01T12:00:00.250', '2016-06-01T19:00:00.250Z'],
    // Spring forward (2015-03-08, 02:00 PST → 03:00 PDT).
    ['spring forward: reads the last minute before the change as PST', '2015-03-08T01:59:59', '2015-03-08T09:59:59.000Z'],
    ['spring forward: reads 03:30 as PDT', '2015-03-08T03:30:00', '2015-03-08T10:30:00.000Z'],
    ['spring forward: reads a time in the gap with the pre-change offset (02:30 PST = 03:30 PDT), never throwing', '2015-03-08T02:30:00', '2015-03-08T10:30:00.000Z'],
    ['spring forward: reads the gap\'s first instant with the pre-change offset', '2015-03-08T02:00:00', '2015-03-08T10:00:00.000Z'],
    // Fall back (2014-11-02, 02:00 PDT → 01:00 PST).
    ['fall back: takes the earlier instant (PDT) for an ambiguous 01:30', '2014-11-02T01:30:00', '2014-11-02T08:30:00.000Z'],
    ['fall back: is exact just before the repeated hour', '2014-11-02T00:59:59', '2014-11-02T07:59:59.000Z'],
    ['fall back: is exact just after the repeated hour', '2014-11-02T02:00:00', '2014-11-02T10:00:00.000Z'],
    ['fall back: resolves the one ambiguous ShotSpotter time (3-Nov-13 1:08:09) to PDT', '2013-11-03T01:08:09', '2013-11-03T08:08:09.000Z'],
  ];
  it.each(LA_CASES)('%s', (_what, local, utc) => {
    expect(toUtc(local)).toBe(utc);
  });

  it('handles other zones: half-hour offsets, southern hemisphere DST, UTC itself', () => {
    expect(toUtc('2020-01-15T12:00:00', 'Asia/Kolkata')).toBe('2020-01-15T06:30:00.000Z');
    expect(toUtc('2020-01-15T12:00:00', 'Australia/Sydney')).toBe('2020-01-15T01:00:00.000Z'); // AEDT +11
    expect(toUtc('2020-07-15T12:00:00', 'Australia/Sydney')).toBe('2020-07-15T02:00:00.000Z'); // AEST +10
    expect(toUtc('2020-07-15T12:00:00', 'UTC')).toBe('2020-07-15T12:00:00.000Z');
  });

  it('round-trips every hour of a year containing both LA transitions', () => {
    const fmt = new Intl.DateTimeFormat('sv-SE', {
      timeZone: LA,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const start = Date.UTC(2014, 0, 1);
    for (let t = start; t < start + 366 * 24 * HOUR; t += HOUR) {
      const local = fmt.format(t).replace(' ', 'T'); // sv-SE prints "2014-01-01 00:00:00"
      const back = Date.parse(toUtc(local));
      // A repeated hour maps to its first occurrence: one hour earlier than the second one.
      expect([t, t - HOUR]).toContain(back);
      if (back !== t) expect(zoneOffsetMs(t, LA)).toBe(-8 * HOUR);
    }
  });

  it('rejects impossible wall clock fields instead of rolling them over', () => {
    expect(() => toUtc('2015-02-29T00:00:00')).toThrow(RangeError);
    expect(() => toUtc('2015-04-31T00:00:00')).toThrow(RangeError);
    expect(() => toUtc('2015-01-01T24:00:00')).toThrow(RangeError);
    expect(() => wallClockToUtcIso({ ...wall('2015-01-01T00:00:00'), minute: 1.5 }, LA)).toThrow(RangeError);
  });

  it('rejects an unknown zone', () => {
    expect(() => toUtc('2015-01-01T00:00:00', 'America/Nowhere')).toThrow(RangeError);
  });
});

describe('zoneOffsetMs', () => {
  it('changes at the exact transition instant', () => {
    const change = Date.UTC(2015, 2, 8, 10); // 02:00 PST
    expect(zoneOffsetMs(change - 1, LA)).toBe(-8 * HOUR);
    expect(zoneOffsetMs(change, LA)).toBe(-7 * HOUR);
  });
});

describe('fast paths of the import hot loop', () => {
  it('isoOf writes what Date#toISOString writes', async () => {
    const { isoOf } = await import('@/lib/sources/mapping/date-format');
    const samples = [0, 1, 999, 86_399_999, 951_782_400_000, 1_709_251_200_000, 4_102_444_800_000, 253_402_300_799_999, -1, -62_135_596_800_000, 253_402_300_800_000, 1.5];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor(Math.random() * 253_402_300_800_000));
    for (const ms of samples) expect(isoOf(ms)).toBe(new Date(ms).toISOString());
  });

  it('an impossible wall clock is refused, a possible one read, by arithmetic as by the Date round trip', () => {
    for (const w of [
      { year: 2023, month: 4, day: 31, hour: 0, minute: 0, second: 0 },
      { year: 2023, month: 2, day: 29, hour: 0, minute: 0, second: 0 },
      { year: 2024, month: 13, day: 1, hour: 0, minute: 0, second: 0 },
      { year: 2024, month: 1, day: 1, hour: 24, minute: 0, second: 0 },
      { year: 2024, month: 1, day: 1, hour: 0, minute: 0, second: 60 },
      { year: 50, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
      { year: NaN, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
    ]) expect(() => wallClockToEpochMs(w, 'UTC')).toThrow(RangeError);
    expect(wallClockToEpochMs({ year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59, millisecond: 999 }, 'UTC')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(wallClockToEpochMs({ year: 2000, month: 2, day: 29, hour: 0, minute: 0, second: 0 }, 'America/Chicago')).toBe(Date.UTC(2000, 1, 29, 6));
  });
});
