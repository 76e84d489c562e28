// npm run bench:correlate — the correlator on an embedded PostgreSQL (temp dir), fed with the real SF Fire CAD week
// and SF ShotSpotter rows replicated into later weeks (new incident numbers and ids per copy):
//  1. engine only (no database): events/s of the in-memory formation, for reference;
//  2. throughput: COPIES × ~12k events committed first, then the correlator catches up (read → correlate → write
//     incidents + cursor in one transaction per page) — events/s end to end;
//  3. latency at 2,000 events/s: ingest commits 40 events every 20 ms while the correlator follows; added latency is
//     ingest COMMIT → the correlator's COMMIT of the incident update (p50/p99).
// Last line: {"eventsPerSec": …, "addedLatencyP50Ms": …, "addedLatencyP99Ms": …}. BENCH_COPIES / BENCH_RATE_SECONDS scale it.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import KDBush from 'kdbush';
import { AnchorGrid } from '@/lib/correlate/anchor-grid';
import { Engine } from '@/lib/correlate/engine';
import { processEvent } from '@/lib/correlate/process-event';
import type { CorrEvent } from '@/lib/correlate/incident-state';
import { startCorrelator } from '@/lib/correlate/start-correlator';
import { startEmbeddedPostgres } from '@/lib/platform/db/embedded';
import { applyMigrations } from '@/lib/platform/db/migrate';
import { createPool } from '@/lib/platform/db/pool';
import type { EventInput } from '@/lib/domain/event';
import { ingestEvents } from '@/lib/ingest/ingest-events';
import { createBus } from '@/lib/platform/bus';
import { copy, interleave } from './support/correlate-stream';
import { parentPid, treeCpuSeconds } from './support/stats';

const COPIES = Number(process.env.BENCH_COPIES ?? 10);
const RATE = 2000;
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 15);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]!;

function engineOnly(): number {
  const agencyId = crypto.randomUUID();
  const events: CorrEvent[] = [];
  let seq = 1n;
  for (let k = 0; k < 5; k++) {
    const c = copy(k);
    for (const e of interleave(c.cad, c.shots)) {
      events.push({ seq: seq++, agencyId, kind: e.kind, typeCode: e.typeCode, occurredAtMs: Date.parse(e.occurredAt), lat: e.lat, lon: e.lon, priority: e.priority, title: e.title ?? null, address: e.address ?? null, payload: e.payload });
    }
  }
  const engine = new Engine();
  const t0 = performance.now();
  for (let i = 0; i < events.length; i++) {
    processEvent(engine, events[i]!);
    if (i % 2000 === 1999) engine.drain();
  }
  engine.drain();
  const s = (performance.now() - t0) / 1000;
  console.log(`engine only: ${events.length} events in ${(s * 1000).toFixed(0)} ms = ${Math.round(events.length / s)} events/s (${engine.active.size} open incidents, ${engine.grid.size} in live window)`);
  return events.length / s;
}

/**
 * Why a grid hash for the live window: kdbush/flatbush are static, so a sliding window means rebuilding the index
 * every bucket; the grid takes each event in O(1). Same random points around San Francisco for both.
 */
function indexChoice(): void {
  for (const n of [100_000, 1_000_000]) {
    const lat = Float64Array.from({ length: n }, () => 37.70 + Math.random() * 0.13);
    const lon = Float64Array.from({ length: n }, () => -122.51 + Math.random() * 0.15);
    let t = performance.now();
    const kd = new KDBush(n);
    for (let i = 0; i < n; i++) kd.add(lon[i]!, lat[i]!);
    kd.finish();
    const kdBuild = performance.now() - t;
    t = performance.now();
    const grid = new AnchorGrid();
    for (let i = 0; i < n; i++) grid.add({ lat: lat[i]!, lon: lon[i]!, t0: 0, t1: 0, kind: 'gunshot', seq: 0n, incidentId: null, plate: null });
    const gridInsert = (performance.now() - t) / n;
    t = performance.now();
    for (let i = 0; i < 2000; i++) grid.query({ lat: lat[i]!, lon: lon[i]! }, 0, 500, 600_000, () => true);
    const gridQuery = (performance.now() - t) / 2000;
    t = performance.now();
    for (let i = 0; i < 2000; i++) kd.within(lon[i]!, lat[i]!, 0.005);
    const kdQuery = (performance.now() - t) / 2000;
    console.log(`live window of ${n}: kdbush rebuild ${kdBuild.toFixed(0)} ms per bucket, query ${(kdQuery * 1000).toFixed(0)} µs; grid insert ${(gridInsert * 1000).toFixed(2)} µs/event, 500 m query ${(gridQuery * 1000).toFixed(0)} µs`);
  }
}

async function main(): Promise<void> {
  // Other work on the machine changes every figure here: the load is printed so runs can be compared fairly.
  const load0 = os.loadavg()[0]!;
  indexChoice();
  engineOnly();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rtcc-bench-correlate-'));
  const db = await startEmbeddedPostgres(dir);
  const bus = await createBus(null);
  const pool = createPool(db.url, 12);
  let result: { eventsPerSec: number; addedLatencyP50Ms: number; addedLatencyP99Ms: number } | null = null;
  try {
    await applyMigrations(db.url);
    const agency = crypto.randomUUID();
    await pool.query(`INSERT INTO agency (id, slug, name) VALUES ($1, 'bench', 'Bench')`, [agency]);
    const src: Record<'cad' | 'gunshot', string> = { cad: crypto.randomUUID(), gunshot: crypto.randomUUID() };
    for (const [kind, id] of Object.entries(src)) {
      await pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1,$2,$3,$3,$4,'x')`, [id, agency, kind, crypto.randomBytes(16).toString('hex')]);
    }
    const ingest = async (events: EventInput[]) => {
      let max: bigint | null = null;
      for (const kind of ['cad', 'gunshot'] as const) {
        const part = events.filter((e) => e.kind === kind);
        if (!part.length) continue;
        const r = await ingestEvents({ pool }, src[kind], part);
        if (r.maxSeq !== null && (max === null || r.maxSeq > max)) max = r.maxSeq;
      }
      return max;
    };

    // 2. Throughput: commit everything first, then let the correlator catch up.
    let total = 0;
    let lastSeq = 0n;
    const tl = performance.now();
    for (let k = 0; k < COPIES; k++) {
      const c = copy(k);
      const all = interleave(c.cad, c.shots);
      for (let i = 0; i < all.length; i += 1000) {
        const m = await ingest(all.slice(i, i + 1000));
        if (m !== null) lastSeq = m;
      }
      total += all.length;
    }
    console.log(`committed ${total} events in ${((performance.now() - tl) / 1000).toFixed(1)} s`);
    await pool.query('VACUUM ANALYZE event');
    // CPU per event, this process (the correlator) and PostgreSQL: the rate follows the machine's load, this less so.
    const postmaster = parentPid((await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
    const cpu0 = { self: process.cpuUsage(), db: treeCpuSeconds(postmaster) };
    let caughtAt = 0;
    const t0 = performance.now();
    const corr = startCorrelator({ pool, bus }, () => {}, {
      onFlushed: (upto) => {
        if (upto >= lastSeq && !caughtAt) caughtAt = performance.now();
      },
    });
    while (!caughtAt) await new Promise((r) => setTimeout(r, 5));
    const secs = (caughtAt - t0) / 1000;
    const eventsPerSec = Math.round(total / secs);
    const used = process.cpuUsage(cpu0.self);
    const perK = (s: number) => ((s * 1000) / total).toFixed(3);
    console.log(`  CPU s per 1,000 events: correlator ${perK((used.user + used.system) / 1e6)}, PostgreSQL ${perK(treeCpuSeconds(postmaster) - cpu0.db)}`);
    const st = corr.stats();
    console.log(`  phases: ${st.batches} batches; read ${st.readMs.toFixed(0)} ms, correlate ${st.correlateMs.toFixed(0)} ms, write ${st.writeMs.toFixed(0)} ms`);
    const counts = await pool.query<{ n: number; open: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status <> 'merged')::int AS open FROM incident`);
    console.log(`throughput: ${total} events in ${secs.toFixed(2)} s = ${eventsPerSec} events/s end to end (incl. state rebuild, reads, incident writes); ${counts.rows[0]!.n} incidents (${counts.rows[0]!.open} not merged)`);

    // 3. Latency at 2,000 events/s.
    const pending: { seq: bigint; at: number }[] = [];
    const latencies: number[] = [];
    await corr.stop();
    const follower = startCorrelator({ pool, bus }, () => {}, {
      onFlushed: (upto) => {
        const now = performance.now();
        while (pending.length && pending[0]!.seq <= upto) latencies.push(now - pending.shift()!.at);
      },
    });
    while (!follower.isLeader()) await new Promise((r) => setTimeout(r, 5));
    const live = [COPIES, COPIES + 1].flatMap((k) => interleave(copy(k).cad, copy(k).shots));
    // 40 events per commit every 20 ms = 2,000 events/s (the ingest API takes batches; one commit per event
    // would measure the ingest path, not the correlator).
    const TICK_MS = 20;
    const perTick = (RATE * TICK_MS) / 1000;
    const ticks = Math.min(Math.floor(live.length / perTick), (RATE_SECONDS * 1000) / TICK_MS);
    const start = performance.now();
    // Ticks are not awaited one by one (a slow commit must not lower the offered rate); at most 8 in flight.
    const inflight = new Set<Promise<void>>();
    for (let i = 0; i < ticks; i++) {
      const due = start + i * TICK_MS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      while (inflight.size >= 8) await Promise.race(inflight);
      const batch = live.slice(i * perTick, (i + 1) * perTick);
      const p = ingestEvents({ pool }, src.cad, batch).then((r) => {
        if (r.maxSeq === null) return;
        pending.push({ seq: r.maxSeq, at: performance.now() });
        pending.sort((a, b) => (a.seq < b.seq ? -1 : 1));
        bus.committed(r.maxSeq);
      });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    await Promise.all(inflight);
    const sent = ticks * perTick;
    const achieved = sent / ((performance.now() - start) / 1000);
    while (pending.length) await new Promise((r) => setTimeout(r, 5));
    await follower.stop();
    const p50 = Number(pct(latencies, 50).toFixed(1));
    const p99 = Number(pct(latencies, 99).toFixed(1));
    console.log(`latency: ${sent} events offered at ${Math.round(achieved)} events/s in ${latencies.length} commits; added latency commit → incident commit p50 ${p50} ms, p99 ${p99} ms, max ${pct(latencies, 100).toFixed(1)} ms`);
    result = { eventsPerSec, addedLatencyP50Ms: p50, addedLatencyP99Ms: p99 };
  } finally {
    await pool.end().catch(() => {});
    await bus.close();
    await db.stop();
    await fsp.rm(dir, { recursive: true, force: true });
  }
  console.log(`load average (1 min): ${load0.toFixed(1)} at start, ${os.loadavg()[0]!.toFixed(1)} at end, on ${os.cpus().length} cores`);
  // Printed after shutdown so that nothing (a pool's goodbye warning) follows it.
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
