import { resolveWallClock, type WallClock } from '@/lib/ingest/adapters/local-time';

/**
 * Dates as exports write them → UTC. A text with an offset (`Z`, `+02:00`) is that instant; a local one is read in
 * the mapping's zone with the zone's daylight-saving rules, and says when the local time was ambiguous (clocks fell
 * back: the earlier instant is taken) or missing (clocks sprang forward: read with the offset before the change).
 */
export type DateResult = { ok: true; iso: string; warning?: string } | { ok: false; reason: string };

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

interface Token {
  re: string;
  set?: (w: Parts, v: string) => void;
}
interface Parts extends WallClock {
  pm?: boolean;
  hour12?: boolean;
}

const TOKENS: [string, Token][] = [
  ['yyyy', { re: '(\\d{4})', set: (w, v) => (w.year = Number(v)) }],
  ['yy', { re: '(\\d{2})', set: (w, v) => (w.year = 2000 + Number(v) - (Number(v) > 69 ? 100 : 0)) }],
  ['MMM', { re: '([A-Za-z]{3})[A-Za-z]*', set: (w, v) => (w.month = MONTHS[v.toLowerCase()] ?? NaN) }],
  ['MM', { re: '(\\d{2})', set: (w, v) => (w.month = Number(v)) }],
  ['M', { re: '(\\d{1,2})', set: (w, v) => (w.month = Number(v)) }],
  ['dd', { re: '(\\d{2})', set: (w, v) => (w.day = Number(v)) }],
  ['d', { re: '(\\d{1,2})', set: (w, v) => (w.day = Number(v)) }],
  ['HH', { re: '(\\d{2})', set: (w, v) => (w.hour = Number(v)) }],
  ['H', { re: '(\\d{1,2})', set: (w, v) => (w.hour = Number(v)) }],
  ['hh', { re: '(\\d{2})', set: (w, v) => ((w.hour = Number(v)), (w.hour12 = true)) }],
  ['h', { re: '(\\d{1,2})', set: (w, v) => ((w.hour = Number(v)), (w.hour12 = true)) }],
  ['mm', { re: '(\\d{2})', set: (w, v) => (w.minute = Number(v)) }],
  ['ss', { re: '(\\d{2})', set: (w, v) => (w.second = Number(v)) }],
  ['SSS', { re: '(\\d{1,6})', set: (w, v) => (w.millisecond = Math.floor(Number(`0.${v}`) * 1000)) }],
  ['a', { re: '([AaPp])\\.?[Mm]\\.?', set: (w, v) => (w.pm = v.toLowerCase() === 'p') }],
];

type Parser = (text: string) => { wall: Parts } | { epochMs: number } | null;

function compilePattern(pattern: string): Parser {
  const setters: Token['set'][] = [];
  let re = '^\\s*';
  for (let i = 0; i < pattern.length; ) {
    const hit = TOKENS.find(([t]) => pattern.startsWith(t, i));
    if (hit) {
      re += hit[1].re;
      setters.push(hit[1].set);
      i += hit[0].length;
    } else {
      const c = pattern[i]!;
      re += c === ' ' ? '\\s+' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  // An optional offset after the local part: a file may mix both.
  const rx = new RegExp(`${re}\\s*(Z|[+-]\\d{2}:?\\d{2})?\\s*$`);
  return (text) => {
    const m = rx.exec(text);
    if (!m) return null;
    const w: Parts = { year: NaN, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
    setters.forEach((set, k) => set?.(w, m[k + 1]!));
    if (w.hour12) {
      if (w.hour < 1 || w.hour > 12) return null;
      w.hour = (w.hour % 12) + (w.pm ? 12 : 0);
    } else if (w.pm !== undefined && w.pm && w.hour < 12) w.hour += 12;
    const offset = m[setters.length + 1];
    if (offset) return { epochMs: Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond ?? 0) - offsetMs(offset) };
    return { wall: w };
  };
}

function offsetMs(o: string): number {
  if (o === 'Z') return 0;
  const sign = o[0] === '-' ? -1 : 1;
  const digits = o.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i;

const isoParser: Parser = (text) => {
  const m = ISO.exec(text);
  if (!m) return null;
  const w: Parts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0,
  };
  if (m[8]) return { epochMs: Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) - offsetMs(m[8].toUpperCase()) };
  return { wall: w };
};

const epoch = (scale: number): Parser => (text) => {
  const t = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return { epochMs: Math.round(Number(t) * scale) };
};

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()` without the Date (one per row was a measurable share of bench:import's server CPU:
 * Next.js wraps the Date constructor on the server). Days → civil date by H. Hinnant's algorithm; outside
 * 1970–9999 the Date does it.
 */
export function isoOf(ms: number): string {
  if (!(ms >= 0 && ms < 253_402_300_800_000 && Number.isInteger(ms))) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86_400_000);
  let rem = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(rem / 3_600_000);
  rem -= h * 3_600_000;
  const mi = Math.floor(rem / 60_000);
  rem -= mi * 60_000;
  const sec = Math.floor(rem / 1000);
  const milli = rem - sec * 1000;
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(mi)}:${pad2(sec)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** A reusable reader for one format in one zone. `format`: iso | epoch_s | epoch_ms | a pattern (see ZDateFormat). */
export function compileDate(format: string, timeZone: string): (text: string) => DateResult {
  const parse = format === 'iso' ? isoParser : format === 'epoch_s' ? epoch(1000) : format === 'epoch_ms' ? epoch(1) : compilePattern(format);
  const what = format === 'iso' ? 'an ISO 8601 date' : format.startsWith('epoch') ? `a Unix time (${format === 'epoch_s' ? 'seconds' : 'milliseconds'})` : `a date like ${format}`;
  return (text) => {
    if (!text.trim()) return { ok: false, reason: 'no date' };
    const p = parse(text);
    if (!p) return { ok: false, reason: `"${text.slice(0, 60)}" is not ${what}` };
    if ('epochMs' in p) {
      return Number.isFinite(p.epochMs) && Math.abs(p.epochMs) < 8.64e15 ? { ok: true, iso: isoOf(p.epochMs) } : { ok: false, reason: `"${text}" is out of range` };
    }
    let r;
    try {
      r = resolveWallClock(p.wall, timeZone);
    } catch {
      return { ok: false, reason: `"${text.slice(0, 60)}" is not a valid date` };
    }
    const iso = isoOf(r.epochMs);
    if (r.fold === 'ambiguous') return { ok: true, iso, warning: `local time "${text.trim()}" happened twice in ${timeZone} (clocks went back): read as the first, ${iso}` };
    if (r.fold === 'gap') return { ok: true, iso, warning: `local time "${text.trim()}" does not exist in ${timeZone} (clocks went forward): read as ${iso}` };
    return { ok: true, iso };
  };
}
