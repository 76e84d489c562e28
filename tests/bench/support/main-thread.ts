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
  return {
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
