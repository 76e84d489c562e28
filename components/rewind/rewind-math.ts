/**
 * The pure arithmetic of map rewind: windows, chunks, the playback clock and the trailing fade. No DOM, no
 * fetch, so every rule here is unit-tested (tests/unit/rewind-math.test.ts).
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** How long an event stays on the map after it happened, in replay time: it fades out over this span. */
export const TRAIL_MS = 15 * MINUTE;
/**
 * One request covers this much history. The trail (15 min) is shorter, so what is on screen spans at most two
 * adjacent chunks; a busy day is fetched a slice at a time as the cursor reaches it, never all at once.
 */
export const CHUNK_MS = 30 * MINUTE;
/** Rewind has no fixed span (a backfill of years is rewindable); a window of more than a year is cut to one. */
export const MAX_WINDOW_MS = 366 * 24 * HOUR;

/** Up to an hour of history per second: a day of a backfilled year plays in 24 s. */
export const SPEEDS = [1, 10, 60, 300, 3600] as const;
export type Speed = (typeof SPEEDS)[number];

export const PRESETS = [
  { label: '1 h', ms: HOUR },
  { label: '6 h', ms: 6 * HOUR },
  { label: '24 h', ms: 24 * HOUR },
  { label: '7 d', ms: 7 * 24 * HOUR },
] as const;

export interface Window {
  from: number;
  to: number;
}

/** The last `ms` before `now`, on whole seconds (the slider's unit). */
export function presetWindow(now: number, ms: number): Window {
  const to = Math.floor(now / 1000) * 1000;
  return { from: to - ms, to };
}

/**
 * A custom window: from `start` to `end` (default now), any time the data covers; longer than MAX_WINDOW_MS is cut
 * to end there. Null when the start is not before the end or not a date.
 */
export function customWindow(start: number, now: number, end: number = now): Window | null {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  const to = Math.floor(Math.min(end, now) / 1000) * 1000;
  if (start >= to) return null;
  return { from: start, to: Math.min(to, start + MAX_WINDOW_MS) };
}

export function clamp(t: number, w: Window): number {
  return Math.min(w.to, Math.max(w.from, t));
}

/** Index of the chunk that holds replay time `t` (chunks start at the window's `from`). */
export function chunkIndexAt(w: Window, t: number): number {
  // The window's very end belongs to the last chunk (its range is half-open, but the cursor can stop there).
  return Math.min(chunkCount(w) - 1, Math.max(0, Math.floor((clamp(t, w) - w.from) / CHUNK_MS)));
}

export function chunkCount(w: Window): number {
  return Math.max(1, Math.ceil((w.to - w.from) / CHUNK_MS));
}

/** The [from, to) of chunk `i`; the last one ends at the window's end. */
export function chunkRange(w: Window, i: number): Window {
  const from = w.from + i * CHUNK_MS;
  return { from, to: Math.min(w.to, from + CHUNK_MS) };
}

/**
 * Which chunks the cursor needs now, in fetch order: the one under it and the one the trail reaches back into,
 * then `ahead` more so playback does not stall at a boundary (more ahead at high speed).
 */
export function chunksNeeded(w: Window, cursor: number, ahead: number): number[] {
  const last = chunkCount(w) - 1;
  const here = chunkIndexAt(w, cursor);
  const back = chunkIndexAt(w, cursor - TRAIL_MS);
  const out = [here];
  if (back !== here) out.push(back);
  for (let i = 1; i <= ahead && here + i <= last; i++) out.push(here + i);
  return out;
}

/** How many chunks to prefetch: about 30 s of wall-clock playback, at least one. */
export function prefetchFor(speed: Speed): number {
  return Math.max(1, Math.min(4, Math.ceil((30_000 * speed) / CHUNK_MS)));
}

/**
 * The playback clock: replay time after `elapsedMs` of wall-clock time at `speed`. Stops at the window's end
 * (`ended`), and never runs past `loadedUntil` (`buffering`): the map must not show an empty city because the
 * next chunk is still on its way.
 */
export function advance(cursor: number, elapsedMs: number, speed: Speed, w: Window, loadedUntil: number): { cursor: number; ended: boolean; buffering: boolean } {
  const wanted = cursor + Math.max(0, elapsedMs) * speed;
  if (wanted >= w.to && loadedUntil >= w.to) return { cursor: w.to, ended: true, buffering: false };
  const limit = Math.min(w.to, loadedUntil);
  if (wanted > limit) return { cursor: Math.max(cursor, limit), ended: false, buffering: true };
  return { cursor: wanted, ended: false, buffering: false };
}

/** First index in ascending `t[0..n)` with t[i] >= x (binary search). */
export function lowerBound(t: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with t[i] > x. */
export function upperBound(t: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const NEWEST_ALPHA = 255;
const OLDEST_ALPHA = 40;

/** Opacity of an event `age` ms old at the cursor: full when it just happened, faint at the end of the trail. */
export function fadeAlpha(age: number): number {
  if (age <= 0) return NEWEST_ALPHA;
  if (age >= TRAIL_MS) return OLDEST_ALPHA;
  return Math.round(NEWEST_ALPHA - (NEWEST_ALPHA - OLDEST_ALPHA) * (age / TRAIL_MS));
}

/** `hh:mm:ss` in the browser's zone (the operator's wall clock), 24-hour. */
export function clockLabel(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** `Wed 25 Nov` — shown beside the clock so a replay of yesterday is not read as today. */
export function dayLabel(t: number): string {
  return new Date(t).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
}
