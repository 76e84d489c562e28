/**
 * What a page load did, from a Chromium trace (devtools.timeline + loading categories): every request with its
 * start, duration and bytes, in the order it started (a waterfall shows as requests starting only when another
 * ended), and the renderer main threads' busy time by kind with the longest tasks. A diagnostic print for
 * bench:console; the figures it reports come from page clocks.
 */
import type { TraceEvent } from './main-thread';

/** Times the page recorded (epoch ms), see tests/bench/console.ts installProbes. */
export interface Marks {
  signIn: number | null;
  queueRow: number | null;
  streets: number | null;
  /** deck.gl's first frame (live points, units, incidents, cameras): the page's probe hook (debug-handle.ts probe). */
  liveLayer?: number | null;
  workspaces: Record<string, number>;
  /** The same workspace with the server's detail in (its first frame, data-pending, shows what the browser held). */
  workspacesFull: Record<string, number>;
  taps: { kind: string; ms: number }[];
}

interface Req {
  url: string;
  method: string;
  start: number;
  end: number | null;
  bytes: number;
  decoded: number;
}

const short = (url: string) => {
  try {
    const u = new URL(url);
    const p = u.pathname + u.search;
    return p.length > 90 ? `${p.slice(0, 87)}…` : p;
  } catch {
    return url.slice(0, 90);
  }
};

function categoryOf(name: string): string | null {
  if (name === 'EvaluateScript' || name === 'v8.compile' || name === 'v8.compileModule' || name === 'CompileScript') return 'script eval/compile';
  if (name === 'FunctionCall' || name === 'TimerFire' || name === 'FireAnimationFrame' || name === 'EventDispatch' || name === 'RunMicrotasks') return 'script';
  if (name === 'ParseHTML') return 'html parse';
  if (name === 'UpdateLayoutTree' || name === 'Layout' || name === 'PrePaint') return 'style+layout';
  if (name === 'Paint' || name === 'Layerize' || name === 'Commit') return 'paint+commit';
  if (name.includes('GC')) return 'gc';
  return null;
}

/**
 * Lines to print: requests from the sign-in POST on (times relative to it), main-thread time by kind, longest tasks.
 * `signInEpoch` / `timeOrigin`: unused by the trace clock, printed for orientation.
 */
export function loadTimeline(json: string, signInEpoch: number, timeOrigin: number): string[] {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const reqs = new Map<string, Req>();
  for (const e of events) {
    const d = e.args?.data;
    if (!d || typeof d.requestId !== 'string') continue;
    if (e.name === 'ResourceSendRequest' && !reqs.has(d.requestId)) {
      reqs.set(d.requestId, { url: String(d.url), method: String(d.requestMethod ?? 'GET'), start: e.ts, end: null, bytes: 0, decoded: 0 });
    } else if (e.name === 'ResourceFinish') {
      const r = reqs.get(d.requestId);
      if (r) {
        r.end = e.ts;
        r.bytes = Number(d.encodedDataLength ?? 0);
        r.decoded = Number(d.decodedBodyLength ?? 0);
      }
    }
  }
  const list = [...reqs.values()].sort((a, b) => a.start - b.start);
  const t0 = list.find((r) => r.method === 'POST')?.start ?? list[0]?.start ?? 0;
  const ms = (ts: number) => Math.round((ts - t0) / 1000);
  const out = [`requests from the sign-in POST (t=0; sign-in pressed at ${new Date(signInEpoch).toISOString()}, page origin +${Math.round(signInEpoch - timeOrigin)} ms):`];
  let total = 0;
  for (const r of list) {
    total += r.bytes;
    out.push(`  ${String(ms(r.start)).padStart(6)} → ${r.end === null ? '   …  ' : String(ms(r.end)).padStart(6)} ms ${(r.bytes / 1024).toFixed(1).padStart(8)} KB ${r.method} ${short(r.url)}`);
  }
  out.push(`  ${list.length} requests, ${(total / 1024).toFixed(0)} KB on the wire`);
  // Main-thread self time by kind over the whole trace.
  const byKind: Record<string, number> = {};
  const tasks: { ts: number; dur: number }[] = [];
  const own = events.filter((e) => e.ph === 'X' && e.dur !== undefined && mains.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const stack: { e: TraceEvent; self: number }[] = [];
  const flush = (item: { e: TraceEvent; self: number }) => {
    const k = categoryOf(item.e.name);
    if (k) byKind[k] = (byKind[k] ?? 0) + item.self;
  };
  for (const e of own) {
    while (stack.length && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= e.ts) flush(stack.pop()!);
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= e.dur!;
    else if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') tasks.push({ ts: e.ts, dur: e.dur! });
    stack.push({ e, self: e.dur! });
  }
  while (stack.length) flush(stack.pop()!);
  const busy = tasks.reduce((s, t) => s + t.dur, 0);
  out.push(`main thread busy ${Math.round(busy / 1000)} ms: ${Object.entries(byKind).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${Math.round(v / 1000)} ms`).join(', ')}`);
  const longest = [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 8);
  out.push(`longest tasks: ${longest.map((t) => `${Math.round(t.dur / 1000)} ms @${ms(t.ts)}`).join(', ')}`);
  return out;
}
