// npm run bench:e2e [-- --clients 200 --rate 2000 --seconds 10] [--nodes 3] [--contended] [--hops]
// --nodes N: N server processes on one PostgreSQL with the Redis adapter behind a real nginx; clients and sources
// go through nginx (tests/bench/support/cluster.ts). --contended: one core kept busy by another process for the
// whole run (console and baseline alike), as restreamers, imports and searches do on a real box. --hops: the
// console run also logs each hop of the live path (ingest COMMIT → doorbell → tail read → emit → client) on the
// machine's clock and prints their percentiles, each node's CPU time and GC pauses (support/hop-report.ts).
// K Socket.IO clients subscribed (in --procs processes of their own); vehicle positions (the high-rate traffic of a city: AVL pings, not new incidents); ingest at R events/s through the HTTP API for T s; accepted→received latency,
// throughput and server RSS. In the same run the barest baseline (NOTIFY → plain ws broadcast) on the same
// machine, same clients, same rate (with --nodes N also N of them behind the same nginx). Last line: one JSON object.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDatabase, benchServer, benchTenant } from './support/bench-env';
import { startCluster } from './support/cluster';
import { startClientPools } from './support/client-pools';
import { collect, drive, type Load, type RunResult } from './support/e2e-drive';
import { hopReport } from './support/hop-report';
import { runBaseline } from './support/e2e-baseline';
import { percentile, round1, rssMb } from './support/stats';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const CLIENTS = arg('clients', 200);
const RATE = arg('rate', 2000);
const SECONDS = arg('seconds', 10);
// Sources post every TICK ms (a CAD or aggregator batches; a 5 ms tick would mean 10-event HTTP requests).
const TICK = arg('tick-ms', 50);
// The clients live in PROCS processes of their own (see support/client-pool.ts for why).
const PROCS = arg('procs', 4);
const NODES = arg('nodes', 1);
const CONTENDED = process.argv.includes('--contended');
const HOPS = process.argv.includes('--hops') ? fs.mkdtempSync(path.join(os.tmpdir(), 'rtcc-hops-')) : null;
const LOAD: Load = { rate: RATE, seconds: SECONDS, tickMs: TICK };
const now = () => performance.now();

async function runConsole(): Promise<RunResult & { rss: { rss: number; peak: number } }> {
  const env = await benchDatabase();
  const tenant = await benchTenant(env.pool);
  const cluster = NODES > 1 ? await startCluster(env.db.url, NODES) : null;
  const single = cluster ? null : await benchServer(env.db.url);
  const server = { url: cluster?.url ?? single!.url };
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: tenant.username, password: tenant.password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const pools = await startClientPools({ kind: 'socketio', url: server.url, cookie, clients: CLIENTS }, PROCS);
  const t0 = now();
  const total = await drive(LOAD, async (events) => {
    const res = await fetch(`${server.url}/api/ingest/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.key}` },
      body: JSON.stringify({ events: events.map((e, i) => ({ externalId: `${e.title}-${i}-${Math.random()}`, kind: 'avl', typeCode: 'position', occurredAt: new Date().toISOString(), lat: 37.77, lon: -122.42, title: e.title })) }),
    });
    if (res.status !== 202) throw new Error(`ingest ${res.status}: ${await res.text()}`);
    return ((await res.json()).results as { seq: string }[]).map((r) => r.seq);
  }, pools.accepted);
  const result = await collect(pools, total, CLIENTS, (now() - t0) / 1000);
  // Cluster: the largest node's figures.
  const rssAll = (cluster ? cluster.nodes.map((n) => n.server!.proc.pid!) : [single!.proc.pid!]).map((pid) => rssMb(pid));
  const rss = rssAll.reduce((a, b) => (b.peak > a.peak ? b : a));
  pools.close();
  await (cluster ? cluster.stop() : single!.stop());
  await env.close();
  return { ...result, rss };
}

function report(name: string, r: RunResult): void {
  const a = r.acceptedToReceived.values();
  const s = r.sentToReceived.values();
  console.log(
    `${name}: ${r.accepted} events accepted in ${r.durationS.toFixed(1)} s (${Math.round(r.accepted / r.durationS)}/s), ` +
      `${r.delivered}/${r.expected} deliveries; accepted→received p50 ${round1(percentile(a, 50))} ms, ` +
      `p95 ${round1(percentile(a, 95))} ms, p99 ${round1(percentile(a, 99))} ms; sent→received p50 ${round1(percentile(s, 50))} ms, ` +
      `p95 ${round1(percentile(s, 95))} ms, p99 ${round1(percentile(s, 99))} ms`,
  );
}

console.log(`bench:e2e — ${CLIENTS} clients in ${PROCS} processes, ${RATE} events/s in ${TICK} ms batches, ${SECONDS} s` +
  `${NODES > 1 ? `, ${NODES} nodes behind nginx` : ''}${CONTENDED ? ', one core kept busy' : ''}, ${new Date().toISOString()}`);
// A plain busy loop in its own process: it takes one core for as long as the scheduler gives it.
const hog = CONTENDED ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }) : null;
// The servers (RTCC_HOP_LOG) and the console run's client pools (BENCH_HOPS) inherit these; the baseline's do not.
if (HOPS) Object.assign(process.env, { RTCC_HOP_LOG: HOPS, BENCH_HOPS: HOPS });
const consoleRun = await runConsole();
report('console (HTTP ingest → commit → tail → Socket.IO rooms)', consoleRun);
if (HOPS) {
  delete process.env.RTCC_HOP_LOG;
  delete process.env.BENCH_HOPS;
  console.log(`per hop (${HOPS}):\n${hopReport(HOPS).join('\n')}`);
}
console.log(`console server RSS ${consoleRun.rss.rss} MB (peak ${consoleRun.rss.peak} MB)`);
const baseline = await runBaseline({ clients: CLIENTS, procs: PROCS, load: LOAD });
report('baseline (INSERT+NOTIFY → plain ws broadcast)', baseline);
// --nodes N: the same bare path laid out as the cluster (N bare servers behind the same nginx): what the layout alone
// costs on this machine, so a cluster figure can be read against its own floor.
const clusterBaseline = NODES > 1 ? await runBaseline({ clients: CLIENTS, procs: PROCS, load: LOAD, nodes: NODES }) : null;
if (clusterBaseline) report(`baseline × ${NODES} behind nginx`, clusterBaseline);
const a = consoleRun.acceptedToReceived.values();
console.log(JSON.stringify({
  clients: CLIENTS,
  eventsPerSec: Math.round(consoleRun.accepted / consoleRun.durationS),
  p50Ms: round1(percentile(a, 50)),
  p95Ms: round1(percentile(a, 95)),
  p99Ms: round1(percentile(a, 99)),
  rssMb: consoleRun.rss.peak,
  baselineP99Ms: round1(percentile(baseline.acceptedToReceived.values(), 99)),
  delivered: consoleRun.delivered,
  expected: consoleRun.expected,
  ...(clusterBaseline ? { nodes: NODES, clusterBaselineP99Ms: round1(percentile(clusterBaseline.acceptedToReceived.values(), 99)) } : {}),
  ...(CONTENDED ? { contended: true } : {}),
}));
hog?.kill('SIGKILL');
process.exit(0);
