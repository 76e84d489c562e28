/**
 * Paces the live map's redraws by what a frame costs on this machine, so the map never starves the rest of the
 * page (the feed, the queue, the socket's own messages) of the main thread.
 *
 * Why: a deck.gl frame is cheap on a GPU but not on a software renderer (SwiftShader, llvmpipe: VDI, remote
 * desktops, the e2e machine). There the frame's commit blocks the page's main thread until the renderer has
 * drawn the whole canvas, 100–400 ms a frame measured under the demo city. Redrawn per live batch (events several
 * times a second, 178 units every 2 s, incident pushes), the map kept the main thread busy ~90 % of the time and
 * a posted event took 1–3 s to reach the feed beside it. Paced, a redraw follows the previous one only after
 * `costFactor` times what that frame cost, so the map takes at most about 1/costFactor of the main thread.
 *
 * What a frame cost is measured, not guessed: from the draw to the next animation frame, which the browser can
 * only start once the drawn frame was committed. On a GPU that is one display frame (~16 ms), so live updates
 * still reach the map within a few tens of ms; on a software renderer the gap grows to at most `maxGapMs`.
 */
export interface RedrawPacer {
  /** Live data changed: draw now if the last frame's cost allows, else once it does (one draw for any number). */
  request(): void;
  /** Draw at once (the operator acted: a toggle, a rewind frame); it counts as the latest draw. */
  now(): void;
  /** The gap a live redraw keeps after the previous one now (ms). */
  gapMs(): number;
  stop(): void;
}

export interface PacerOptions {
  /** Never closer than this (ms). */
  minGapMs?: number;
  /** Never further apart than this (ms), however slow frames are: the map stays live. */
  maxGapMs?: number;
  /** Gap = costFactor × measured frame cost. */
  costFactor?: number;
  now?: () => number;
  /** Calls back on the next animation frame (the measurement's end). */
  nextFrame?: (fn: () => void) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export function createRedrawPacer(draw: () => void, opts: PacerOptions = {}): RedrawPacer {
  const minGap = opts.minGapMs ?? 0;
  const maxGap = opts.maxGapMs ?? 1000;
  const factor = opts.costFactor ?? 3;
  const clock = opts.now ?? (() => performance.now());
  const nextFrame = opts.nextFrame ?? ((fn: () => void) => void requestAnimationFrame(() => fn()));
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let lastDraw = -Infinity;
  /** Smoothed frame cost (ms); one slow frame (a GC, a tile burst) moves it only part of the way. */
  let cost = 0;
  let timer: unknown = null;
  let measuring = false;
  let stopped = false;

  const gapMs = () => Math.min(maxGap, Math.max(minGap, factor * cost));

  const run = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (stopped) return;
    const t0 = clock();
    lastDraw = t0;
    draw();
    if (measuring) return;
    measuring = true;
    nextFrame(() => {
      measuring = false;
      const took = clock() - t0;
      cost = cost === 0 ? took : cost * 0.7 + took * 0.3;
    });
  };

  return {
    request() {
      if (stopped || timer !== null) return;
      const wait = lastDraw + gapMs() - clock();
      if (wait <= 0) run();
      // Drawn in an animation frame, as the store's own notifications are: the measurement below then spans the
      // frame's commit (from a timer task, the next frame would start before it).
      else timer = setTimer(() => nextFrame(run), wait);
    },
    now: run,
    gapMs,
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
