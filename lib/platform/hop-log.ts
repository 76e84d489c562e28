import fs from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/**
 * Per-hop timing of the live path, for finding where a push's time goes (bench:e2e --hops): with
 * RTCC_HOP_LOG=<dir>, every node appends one JSON line per hop to <dir>/hops-<PORT>.jsonl, stamped with the machine's
 * epoch clock (comparable across processes): `commit` (ingest, after COMMIT), `bell` (a NOTIFY heard), `read` (the
 * tail's read), `emit` (pushed to this node's sockets), `conn` (a socket's id), plus `gc` pauses over 5 ms and, each
 * second, the event loop's delay and the process's CPU time. Unset (production): `hop` returns at once.
 */
const dir = process.env.RTCC_HOP_LOG;
const epochMs = () => performance.timeOrigin + performance.now();

interface HopState {
  lines: string[];
}
// Next.js bundles its own copy of this module (the ingest route): both copies share one buffer and one writer.
const shared = globalThis as typeof globalThis & { __rtccHops?: HopState };

function start(dir: string): HopState {
  const state: HopState = { lines: [] };
  const file = `${dir}/hops-${process.env.PORT ?? process.pid}.jsonl`;
  const flush = () => {
    if (state.lines.length) fs.appendFileSync(file, `${state.lines.splice(0).join('\n')}\n`);
  };
  setInterval(flush, 1000).unref();
  process.on('exit', flush);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.duration > 5) state.lines.push(JSON.stringify({ h: 'gc', t: performance.timeOrigin + e.startTime, ms: e.duration, kind: (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind }));
    }
  }).observe({ entryTypes: ['gc'] });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  setInterval(() => {
    const cpu = process.cpuUsage();
    state.lines.push(JSON.stringify({ h: 'loop', t: epochMs(), maxMs: delay.max / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 }));
    delay.reset();
  }, 1000).unref();
  return state;
}

const state = dir ? (shared.__rtccHops ??= start(dir)) : null;

/** One hop of the live path, when RTCC_HOP_LOG is set. */
export function hop(h: string, fields: Record<string, unknown>): void {
  if (state) state.lines.push(JSON.stringify({ h, t: epochMs(), ...fields }));
}
