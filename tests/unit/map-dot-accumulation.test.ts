import { describe, expect, it } from 'vitest';
import { afterDraw, planDots, type AccumulatedState, type RingMark } from '@/components/map/dot-accumulation';

const CAP = 10;
const ring = (written: number): RingMark => ({ written, head: written % CAP, length: Math.min(written, CAP), capacity: CAP });
/** The state after drawing `plan` for `r` at time `now`, starting from `prev`. */
const drawn = (prev: AccumulatedState | null, r: RingMark, now: number, key = 'view') => afterDraw(prev, planDots(prev, key, r, now, 1000), key, r, now);

describe('live dots drawn into a kept picture', () => {
  it('draws everything first, then only the slots written since', () => {
    expect(planDots(null, 'view', ring(3), 0, 1000)).toEqual({ full: true });
    const s = drawn(null, ring(3), 0);
    expect(planDots(s, 'view', ring(3), 10, 1000)).toEqual({ full: false, ranges: [] });
    expect(planDots(s, 'view', ring(7), 10, 1000)).toEqual({ full: false, ranges: [[3, 7]] });
  });

  it('follows the ring round its end', () => {
    const s = drawn(drawn(null, ring(8), 0), ring(8), 0);
    // 8 → 12 written: slots 8, 9, then 0, 1 (two of them evicted the oldest, but the refresh time has not passed)
    expect(planDots(s, 'view', ring(12), 10, 1000)).toEqual({ full: false, ranges: [[8, 10], [0, 2]] });
  });

  it('redraws everything when the view or look changed, the ring was emptied, or a whole ring came at once', () => {
    const s = drawn(null, ring(5), 0);
    expect(planDots(s, 'moved', ring(6), 10, 1000)).toEqual({ full: true });
    expect(planDots(s, 'view', { written: 1, head: 1, length: 1, capacity: CAP }, 10, 1000)).toEqual({ full: true });
    expect(planDots(s, 'view', ring(15), 10, 1000)).toEqual({ full: true });
  });

  it('drops evicted points with a full redraw once the refresh time has passed since the last one', () => {
    let s = drawn(null, ring(10), 0); // full ring, nothing evicted yet
    expect(planDots(s, 'view', ring(10), 5000, 1000)).toEqual({ full: false, ranges: [] });
    s = drawn(s, ring(12), 500); // two evicted, drawn incrementally
    expect(s.fullAt).toBe(0);
    expect(planDots(s, 'view', ring(13), 900, 1000)).toEqual({ full: false, ranges: [[2, 3]] });
    expect(planDots(s, 'view', ring(13), 1000, 1000)).toEqual({ full: true });
    s = drawn(s, ring(13), 1000);
    expect(s).toMatchObject({ fullAt: 1000, fullWritten: 13 });
    // Nothing evicted since that full draw: no refresh however long it has been.
    expect(planDots(s, 'view', ring(13), 9000, 1000)).toEqual({ full: false, ranges: [] });
  });
});
