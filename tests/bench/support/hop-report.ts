// bench:e2e --hops: where a push's time goes, from the nodes' hop lines (lib/platform/hop-log.ts, RTCC_HOP_LOG) and
// the client pools' message log (client-pool.ts, BENCH_HOPS). Every time is the machine's epoch clock, so hops in
// different processes compare. A message is weighted by its events and timed by its first event (the oldest in it).
import fs from 'node:fs';
import path from 'node:path';
import { percentile, round1 } from './stats';

interface HopLine {
  h: string;
  t: number;
  [k: string]: unknown;
}

/** What a client pool writes: its messages [client, first seq, last seq, events, epoch ms], socket ids, acceptances. */
export interface PoolHops {
  msgs: [number, string, string, number, number][];
  ids: string[];
  accepted: [string, number][];
}

/** Index of the first element of ascending `keys` that is ≥ `k` (keys.length if none). */
function lowerBound(keys: number[], k: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Earliest time at which a line with seq ≥ s was seen: seqs ascending, times as the suffix minimum. */
function firstAtLeast(pairs: [number, number][]): (s: number) => number | undefined {
  pairs.sort((a, b) => a[0] - b[0]);
  const keys = pairs.map((p) => p[0]);
  const min = pairs.map((p) => p[1]);
  for (let i = min.length - 2; i >= 0; i--) min[i] = Math.min(min[i]!, min[i + 1]!);
  return (s) => min[lowerBound(keys, s)];
}

export function hopReport(dir: string): string[] {
  const byNode = new Map<string, HopLine[]>();
  const nodeOf = new Map<string, string>();
  for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('hops-'))) {
    const node = f.slice(5, -6);
    const lines = fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as HopLine);
    // Only servers that had consoles (a `next build` run meanwhile inherits the variable too).
    if (lines.some((l) => l.h === 'conn')) byNode.set(node, lines);
    for (const l of lines) if (l.h === 'conn') nodeOf.set(String(l.id), node);
  }
  const commits = [...byNode].flatMap(([node, ls]) => ls.filter((l) => l.h === 'commit').map((l) => ({ max: Number(l.max), t: l.t, node })));
  commits.sort((a, b) => a.max - b.max);
  const commitKeys = commits.map((c) => c.max);
  const bellOf = new Map<string, (s: number) => number | undefined>();
  const emitsOf = new Map<string, { first: number; upto: number; t: number }[]>();
  for (const [node, ls] of byNode) {
    bellOf.set(node, firstAtLeast(ls.filter((l) => l.h === 'bell').map((l) => [Number(l.seq), l.t])));
    emitsOf.set(node, ls.filter((l) => l.h === 'emit').map((l) => ({ first: Number(l.first), upto: Number(l.upto), t: l.t })).sort((a, b) => a.upto - b.upto));
  }
  const hops = ['accepted → client', 'commit → accepted', 'commit → doorbell', 'doorbell → emit', 'emit → client'] as const;
  const samples = new Map<string, number[]>(hops.map((h) => [h, []]));
  const add = (h: (typeof hops)[number], v: number | undefined, n: number) => {
    if (v === undefined || Number.isNaN(v)) return;
    const s = samples.get(h)!;
    for (let i = 0; i < n; i++) s.push(v);
  };
  for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('pool-'))) {
    const pool = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as PoolHops;
    const accepted = new Map(pool.accepted);
    for (const [client, first, , n, at] of pool.msgs) {
      const node = nodeOf.get(pool.ids[client] ?? '');
      const seq = Number(first);
      const commit = commits[lowerBound(commitKeys, seq)];
      if (!node || !commit) continue;
      // The ingesting node rings its own tail in process at COMMIT; the others hear the NOTIFY.
      const bell = commit.node === node ? commit.t : bellOf.get(node)!(seq);
      const emits = emitsOf.get(node)!;
      const emit = emits[lowerBound(emits.map((e) => e.upto), seq)];
      const emitAt = emit && emit.first <= seq ? emit.t : undefined;
      const acc = accepted.get(first);
      add('accepted → client', acc === undefined ? undefined : at - acc, n);
      add('commit → accepted', acc === undefined ? undefined : acc - commit.t, n);
      add('commit → doorbell', bell === undefined ? undefined : bell - commit.t, n);
      add('doorbell → emit', bell === undefined || emitAt === undefined ? undefined : emitAt - bell, n);
      add('emit → client', emitAt === undefined ? undefined : at - emitAt, n);
    }
  }
  const out = hops.map((h) => {
    const v = samples.get(h)!;
    return `  ${h.padEnd(18)} p50 ${round1(percentile(v, 50))} ms, p95 ${round1(percentile(v, 95))} ms, p99 ${round1(percentile(v, 99))} ms, max ${round1(percentile(v, 100))} ms (${v.length} deliveries)`;
  });
  const t0 = Math.min(...commits.map((c) => c.t)) - 1000;
  const t1 = Math.max(...[...emitsOf.values()].flat().map((e) => e.t)) + 1000;
  for (const [node, ls] of byNode) {
    const gc = ls.filter((l) => l.h === 'gc' && l.t >= t0 && l.t <= t1).map((l) => Number(l.ms));
    const loops = ls.filter((l) => l.h === 'loop');
    const cpuAt = (t: number) => Number((loops.filter((l) => l.t <= t).at(-1) ?? loops[0])?.cpuMs ?? 0);
    const lag = Math.max(0, ...loops.filter((l) => l.t >= t0 && l.t <= t1).map((l) => Number(l.maxMs)));
    out.push(`  node ${node}: CPU ${round1((cpuAt(t1) - cpuAt(t0)) / 1000)} s in ${round1((t1 - t0) / 1000)} s, ${gc.length} GC pauses > 5 ms ` +
      `(${Math.round(gc.reduce((a, b) => a + b, 0))} ms, longest ${Math.round(Math.max(0, ...gc))} ms), event loop delay max ${Math.round(lag)} ms`);
  }
  return out;
}
