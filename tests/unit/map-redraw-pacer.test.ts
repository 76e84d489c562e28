import { describe, expect, it } from 'vitest';
import { createRedrawPacer } from '@/components/map/redraw-pacer';

/** A hand-driven clock, timers and animation frames: what the pacer sees in a browser, step by step. */
function harness(opts: { costFactor?: number; maxGapMs?: number } = {}) {
  let now = 0;
  const frames: (() => void)[] = [];
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  let draws = 0;
  const pacer = createRedrawPacer(() => draws++, {
    ...opts,
    now: () => now,
    nextFrame: (fn) => frames.push(fn),
    setTimer: (fn, ms) => {
      timers.set(nextId, { at: now + ms, fn });
      return nextId++;
    },
    clearTimer: (id) => timers.delete(id as number),
  });
  return {
    pacer,
    draws: () => draws,
    /** The browser shows a frame `ms` after the last step (a drawn frame's commit is what takes long). */
    frame(ms: number) {
      now += ms;
      const due = frames.splice(0);
      for (const fn of due) fn();
    },
    /** Time passes; timers that came due fire in order. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > end) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
  };
}

describe('map redraw pacer', () => {
  it('draws a live change at once when the last frame was cheap (a GPU)', () => {
    const h = harness();
    h.pacer.request();
    expect(h.draws()).toBe(1);
    h.frame(16); // the drawn frame cost one display frame
    h.advance(100);
    h.pacer.request();
    expect(h.draws()).toBe(2);
  });

  it('on a slow renderer keeps costFactor × the measured frame cost between live draws, and draws once for many changes', () => {
    const h = harness({ costFactor: 3 });
    h.pacer.request();
    h.frame(200); // a software renderer: the frame took 200 ms to commit
    expect(h.pacer.gapMs()).toBe(600);
    for (let i = 0; i < 10; i++) {
      h.pacer.request(); // ten batches arrive within the gap
      h.advance(20);
    }
    expect(h.draws()).toBe(1);
    h.advance(600); // the gap has passed: the timer asks for a frame
    expect(h.draws()).toBe(1);
    h.frame(5);
    expect(h.draws()).toBe(2); // one draw carried all ten
  });

  it('never waits longer than maxGapMs, and an operator action draws at once', () => {
    const h = harness({ costFactor: 3, maxGapMs: 1000 });
    h.pacer.request();
    h.frame(2000); // a pathological frame
    expect(h.pacer.gapMs()).toBe(1000);
    h.pacer.now();
    expect(h.draws()).toBe(2);
  });

  it('stops drawing once stopped', () => {
    const h = harness();
    h.pacer.request();
    h.frame(300);
    h.pacer.request();
    h.pacer.stop();
    h.advance(5000);
    h.frame(16);
    expect(h.draws()).toBe(1);
  });
});
