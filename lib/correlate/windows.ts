import type { EventKind } from '@/lib/domain/event';

/** How far and how long apart two items may be and still be related, per source kind. */
export interface CorrelationWindow {
  radiusM: number;
  windowMs: number;
}

const MIN = 60_000;

/**
 * Defaults from the issue: LPR 5 min / 300 m, gunshot 10 min / 500 m, 911 30 min / 200 m. A CAD record is
 * matched to 911 calls with the 911 window (they describe the same call); the rest are conservative guesses.
 */
export const DEFAULT_WINDOWS: Record<EventKind, CorrelationWindow> = {
  lpr: { radiusM: 300, windowMs: 5 * MIN },
  gunshot: { radiusM: 500, windowMs: 10 * MIN },
  call911: { radiusM: 200, windowMs: 30 * MIN },
  cad: { radiusM: 200, windowMs: 30 * MIN },
  alert: { radiusM: 300, windowMs: 5 * MIN },
  avl: { radiusM: 200, windowMs: 5 * MIN },
  sensor: { radiusM: 200, windowMs: 10 * MIN },
  camera: { radiusM: 200, windowMs: 5 * MIN },
};

export function largestWindowMs(windows: Record<EventKind, CorrelationWindow>): number {
  return Math.max(...Object.values(windows).map((w) => w.windowMs));
}

/** Time between an instant and an interval (0 when inside it). */
export function gapMs(t: number, from: number, to: number): number {
  return t < from ? from - t : t > to ? t - to : 0;
}
