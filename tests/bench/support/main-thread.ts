/**
 * Main-thread time from a Chromium trace: the renderer's top-level tasks (RunTask) between two user-timing marks.
 * Counting tasks, not wall time, leaves out the idle gaps between a socket message and the next animation frame,
 * and includes everything the page really did for it (parse, store, layer, deck.gl attribute upload and draw).
 */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

export interface MarkedTasks {
  /**
   * Busy time (ms) of the tasks from the one holding mark `a` through the one holding mark `b`: `total`, and `work`
   * without the compositor commits (`Commit`: the main thread blocked while the compositor takes the frame, which on
   * a GPU-less machine waits on SwiftShader's software rendering of the WebGL canvases, not on the page's code).
   */
  busyBetween(a: string, b: string): { total: number; work: number } | null;
  /**
   * The same tasks' time (ms) by kind of work, from the trace events' self time: where a batch's milliseconds went
   * (a diagnostic print; `busyBetween` stays the measure).
   */
  breakdownBetween(a: string, b: string): Record<string, number> | null;
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

export function parseTrace(json: string): MarkedTasks {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const marks = new Map<string, TraceEvent>();
  for (const e of events) if (e.name.startsWith('rtcc-')) marks.set(e.name, e);
  const any = marks.values().next().value as TraceEvent | undefined;
  if (!any) throw new Error('trace has no rtcc marks: was the probe installed?');
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
  const holding = (ts: number) => top.find((t) => t.ts <= ts && ts <= t.ts + (t.dur ?? 0));
  const range = (a: string, b: string): [number, number] | null => {
    const ma = marks.get(a);
    const mb = marks.get(b);
    if (!ma || !mb) return null;
    const toTask = holding(mb.ts);
    return [holding(ma.ts)?.ts ?? ma.ts, toTask ? toTask.ts + (toTask.dur ?? 0) : mb.ts];
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
      const ma = marks.get(a);
      const mb = marks.get(b);
      if (!ma || !mb) return null;
      const from = holding(ma.ts)?.ts ?? ma.ts;
      const toTask = holding(mb.ts);
      const to = toTask ? toTask.ts + (toTask.dur ?? 0) : mb.ts;
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
