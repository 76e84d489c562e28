/**
 * Main-thread time from a Chromium trace: the renderer's top-level tasks (RunTask) between two user-timing marks.
 * Counting tasks, not wall time, leaves out the idle gaps between a socket message and the next animation frame,
 * and includes everything the page really did for it (parse, store, layer, deck.gl attribute upload and draw).
 */
/** One Chromium trace event, as much of it as the benches read. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

export interface PageWindows {
  /**
   * Busy time (ms) of the tasks from the one running at page time `a` through the one running at page time `b`
   * (performance.now() ms): `total`, and `work` without the compositor commits (`Commit`: the main thread blocked
   * while the compositor takes the frame, which on a GPU-less machine waits on SwiftShader's software rendering of
   * the WebGL canvases, not on the page's code).
   */
  busyBetween(a: number, b: number): { total: number; work: number } | null;
  /**
   * The same tasks' time (ms) by kind of work, from the trace events' self time: where a batch's milliseconds went
   * (a diagnostic print; `busyBetween` stays the measure).
   */
  breakdownBetween(a: number, b: number): Record<string, number> | null;
}

/** Trace event names grouped the way DevTools' summary does, plus the two this page cares about apart. */
function categoryOf(name: string): string {
  if (name === 'Commit') return 'commit (waits on GPU)';
  if (name === 'FunctionCall' || name === 'EvaluateScript' || name === 'FireAnimationFrame' || name === 'TimerFire' || name === 'EventDispatch' || name.startsWith('V8.') && !name.startsWith('V8.GC')) return 'script';
  if (name.includes('GC') || name === 'Major concurrent marking rescheduled') return 'gc';
  if (name === 'UpdateLayoutTree' || name === 'Layout' || name === 'PrePaint' || name === 'HitTest' || name.startsWith('IntersectionObserver')) return 'style+layout';
  if (name === 'Paint' || name === 'Layerize' || name === 'UpdateLayer' || name === 'PaintImage') return 'paint';
  if (name === 'Receive mojo message' || name === 'SimpleWatcher::OnHandleReady') return 'ipc (socket frames, devtools)';
  return 'other';
}

/**
 * `calibration`: the name of one performance.mark the page set and the performance.now() it set it at. It ties the
 * page clock to the trace clock, so the probes record plain performance.now() times: a mark per probe cost the page
 * 0.1–1 ms each under tracing (deep stacks captured), inside the very windows being measured.
 */
export function parseTrace(json: string, calibration: { mark: string; atMs: number }): PageWindows {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const any = events.find((e) => e.name === calibration.mark);
  if (!any) throw new Error(`trace has no ${calibration.mark} mark: was the probe installed?`);
  // Trace time (µs) of a page time (ms).
  const toTs = (ms: number) => any.ts + (ms - calibration.atMs) * 1000;
  const tasks = events
    .filter((e) => e.pid === any.pid && e.tid === any.tid && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
    .sort((x, y) => x.ts - y.ts);
  // Keep top-level tasks only: a nested RunTask is already inside its parent's duration.
  const top: TraceEvent[] = [];
  let end = -Infinity;
  for (const t of tasks) {
    if (t.ts + (t.dur ?? 0) <= end) continue;
    top.push(t);
    end = t.ts + (t.dur ?? 0);
  }
  const commits = events.filter((e) => e.pid === any.pid && e.tid === any.tid && e.ph === 'X' && e.name === 'Commit');
  // performance.now() is coarsened (100 µs without cross-origin isolation): a time may land just outside its task.
  const SLACK_US = 200;
  const holding = (ts: number) => top.find((t) => t.ts - SLACK_US <= ts && ts <= t.ts + (t.dur ?? 0) + SLACK_US);
  const range = (a: number, b: number): [number, number] | null => {
    const ta = toTs(a);
    const tb = toTs(b);
    if (!(tb >= ta)) return null;
    const toTask = holding(tb);
    return [holding(ta)?.ts ?? ta, toTask ? toTask.ts + (toTask.dur ?? 0) : tb];
  };
  // Self time per event (its duration minus its direct children's), computed once for every breakdown.
  const own = events
    .filter((e) => e.pid === any.pid && e.tid === any.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((x, y) => x.ts - y.ts || (y.dur ?? 0) - (x.dur ?? 0))
    .map((e) => ({ e, self: e.dur ?? 0 }));
  const stack: { e: TraceEvent; self: number }[] = [];
  for (const item of own) {
    while (stack.length && stack.at(-1)!.e.ts + (stack.at(-1)!.e.dur ?? 0) <= item.e.ts) stack.pop();
    if (stack.length) stack.at(-1)!.self -= item.e.dur ?? 0;
    stack.push(item);
  }
  return {
    breakdownBetween(a, b) {
      const r = range(a, b);
      if (!r) return null;
      const out: Record<string, number> = {};
      for (const { e, self } of own) {
        if (e.ts < r[0] || e.ts > r[1]) continue;
        const c = categoryOf(e.name);
        out[c] = (out[c] ?? 0) + self / 1000;
      }
      return out;
    },
    busyBetween(a, b) {
      const r = range(a, b);
      if (!r) return null;
      const [from, to] = r;
      const overlap = (list: TraceEvent[]) => {
        let us = 0;
        for (const t of list) {
          if (t.ts + (t.dur ?? 0) < from || t.ts > to) continue;
          us += Math.min(to, t.ts + (t.dur ?? 0)) - Math.max(from, t.ts);
        }
        return us;
      };
      const total = overlap(top);
      return { total: total / 1000, work: (total - overlap(commits)) / 1000 };
    },
  };
}
