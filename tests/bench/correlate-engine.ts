// npx tsx tests/bench/correlate-engine.ts — the correlator's engine alone (no database), fed with the same event
// stream as npm run bench:correlate (the SF Fire CAD week and SF ShotSpotter rows, BENCH_COPIES weekly copies), in
// pages of 5,000 events like the correlator's pump. For profiling (node --cpu-prof) and for checking that a change
// keeps every decision: ids are deterministic and the last line holds a digest of every batch's output (incidents
// with their status, score and reasons; links with their reasons; merges; unit links; cameras; history rows).
// Prints per-page timings too (the slowest page is what a live batch's p99 sees).
import crypto from 'node:crypto';
import { Engine } from '@/lib/correlate/engine';
import { processEvent } from '@/lib/correlate/process-event';
import type { BatchOutput } from '@/lib/correlate/engine';
import { benchEvents } from './support/correlate-stream';

const COPIES = Number(process.env.BENCH_COPIES ?? 10);
const PAGE = Number(process.env.BENCH_PAGE ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);

function digestOf(out: BatchOutput, h: crypto.Hash): void {
  for (const i of out.incidents) {
    h.update(`${i.id}|${i.number}|${i.status}|${i.score}|${i.cadStatus}|${i.closedBy}|${i.mergedInto}|${i.lastSeq}|${i.lastEventAtMs}|${JSON.stringify(i.orderedReasons)}\n`);
  }
  for (const l of out.links) h.update(`L${l.incidentId}|${l.seq}|${l.reason}\n`);
  for (const m of out.merges) h.update(`M${m.fromId}|${m.intoId}|${m.reason}\n`);
  for (const u of out.unitLinks) h.update(`U${u.incidentId}|${u.callSign}\n`);
  for (const [id, cams] of out.cameraSets) h.update(`C${id}|${cams.map((c) => c.id).join(',')}\n`);
  for (const r of out.history) h.update(`H${r.incidentId}|${r.change}|${r.score}|${r.occurredAtMs}|${JSON.stringify(r.reasons)}\n`);
  h.update(`N${[...out.created].join(',')}\n`);
}

function run(events: ReturnType<typeof benchEvents>): { ms: number; cpuMs: number; pages: number[]; digest: string; engine: Engine; counts: Record<string, number> } {
  let n = 0;
  const engine = new Engine(undefined, () => `00000000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}`);
  const h = crypto.createHash('sha256');
  const pages: number[] = [];
  const counts = { incidents: 0, links: 0, merges: 0, history: 0 };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < events.length; i += PAGE) {
    const p0 = performance.now();
    const end = Math.min(events.length, i + PAGE);
    for (let j = i; j < end; j++) processEvent(engine, events[j]!);
    const out = engine.drain();
    pages.push(performance.now() - p0);
    counts.incidents += out.incidents.length;
    counts.links += out.links.length;
    counts.merges += out.merges.length;
    counts.history += out.history.length;
    digestOf(out, h);
  }
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, pages, digest: h.digest('hex'), engine, counts };
}

const events = benchEvents(COPIES);
for (let r = 0; r < ROUNDS; r++) {
  const { ms, cpuMs, pages, digest, engine, counts } = run(events);
  const sorted = [...pages].sort((a, b) => a - b);
  console.log(`round ${r + 1}: ${events.length} events in ${ms.toFixed(0)} ms = ${Math.round(events.length / (ms / 1000))} events/s (CPU ${cpuMs.toFixed(0)} ms); page of ${PAGE}: median ${sorted[sorted.length >> 1]!.toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms; ${engine.active.size} open, ${engine.grid.size} anchors; ${JSON.stringify(counts)}`);
  if (r === ROUNDS - 1) console.log(JSON.stringify({ events: events.length, digest }));
}
