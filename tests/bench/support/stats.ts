import fs from 'node:fs';

/** Percentile of a numeric sample (nearest-rank). */
export function percentile(values: Float64Array | number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** A growable Float64Array for millions of latency samples without GC churn. */
export class Samples {
  private buf = new Float64Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  values(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
}

export function rssMb(pid: number): { rss: number; peak: number } {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
  return { rss: round1(kb('VmRSS') / 1024), peak: round1(kb('VmHWM') / 1024) };
}

/** CPU seconds (user + system) of a process and every descendant: the living ones, and the reaped ones through their parents. */
export function treeCpuSeconds(root: number): number {
  const stats = new Map<number, string[]>();
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      stats.set(Number(p), fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' '));
    } catch {
      // gone meanwhile
    }
  }
  let ticks = 0;
  const visit = (pid: number) => {
    const f = stats.get(pid);
    if (!f) return;
    // After ") ": state ppid … utime(11) stime(12) cutime(13) cstime(14).
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    for (const [child, cf] of stats) if (Number(cf[1]) === pid) visit(child);
  };
  visit(root);
  return ticks / 100;
}

/** The parent of a process (the postmaster of a PostgreSQL backend). */
export function parentPid(pid: number): number {
  return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
}
