// npm run bench:e2e [-- --clients 200 --rate 2000 --seconds 10]
// K Socket.IO clients subscribed; vehicle positions (the high-rate traffic of a city: AVL pings, not new incidents); ingest at R events/s through the HTTP API for T s; accepted→received latency,
// throughput and server RSS. In the same run the barest baseline (NOTIFY → plain ws broadcast) on the same
// machine, same clients, same rate. Last line: one JSON object.
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { benchDatabase, benchServer, benchTenant } from './support/bench-env';
import { runBaseline } from './support/e2e-baseline';
import { percentile, round1, rssMb, Samples } from './support/stats';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const CLIENTS = arg('clients', 200);
const RATE = arg('rate', 2000);
const SECONDS = arg('seconds', 10);
// Sources post every TICK ms (a CAD or aggregator batches; a 5 ms tick would mean 10-event HTTP requests).
const TICK = arg('tick-ms', 50);
const now = () => performance.now();

export interface RunResult {
  accepted: number;
  delivered: number;
  expected: number;
  acceptedToReceived: Samples;
  sentToReceived: Samples;
  durationS: number;
}

/** Send RATE events/s for SECONDS through `send`, which resolves with the seqs it got accepted. */
export async function drive(send: (events: { title: string }[]) => Promise<string[]>, accepted: Map<string, number>): Promise<number> {
  const t0 = now();
  let sent = 0;
  let total = 0;
  const inflight = new Set<Promise<void>>();
  while (now() - t0 < SECONDS * 1000) {
    const due = Math.floor(((now() - t0) / 1000) * RATE) - sent;
    if (due > 0) {
      const n = Math.min(due, 500);
      sent += n;
      const batch = Array.from({ length: n }, () => ({ title: `t=${now()}` }));
      const p = send(batch).then((seqs) => {
        const at = now();
        for (const s of seqs) accepted.set(s, at);
        total += seqs.length;
      });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    await new Promise((r) => setTimeout(r, TICK));
  }
  await Promise.all(inflight);
  return total;
}

async function runConsole(): Promise<RunResult & { rss: { rss: number; peak: number } }> {
  const env = await benchDatabase();
  const tenant = await benchTenant(env.pool);
  const server = await benchServer(env.db.url);
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: tenant.username, password: tenant.password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const accepted = new Map<string, number>();
  const a2r = new Samples();
  const s2r = new Samples();
  let delivered = 0;
  const sockets: Socket[] = [];
  await Promise.all(Array.from({ length: CLIENTS }, () => new Promise<void>((resolve) => {
    const s = io(server.url, { transports: ['websocket'], extraHeaders: { cookie } });
    s.on('connect', () => s.emit('resume', { afterSeq: null }, () => {}));
    s.once('synced', () => resolve());
    s.on('events', ({ events, replay }: { events: { seq: string; title: string | null }[]; replay: boolean }) => {
      if (replay) return;
      const at = now();
      for (const e of events) {
        delivered += 1;
        s2r.push(at - Number(e.title!.slice(2)));
        const acc = accepted.get(e.seq);
        a2r.push(acc === undefined ? 0 : Math.max(0, at - acc));
      }
    });
    sockets.push(s);
  })));
  const t0 = now();
  const total = await drive(async (events) => {
    const res = await fetch(`${server.url}/api/ingest/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.key}` },
      body: JSON.stringify({ events: events.map((e, i) => ({ externalId: `${e.title}-${i}-${Math.random()}`, kind: 'avl', typeCode: 'position', occurredAt: new Date().toISOString(), lat: 37.77, lon: -122.42, title: e.title })) }),
    });
    if (res.status !== 202) throw new Error(`ingest ${res.status}: ${await res.text()}`);
    return ((await res.json()).results as { seq: string }[]).map((r) => r.seq);
  }, accepted);
  const durationS = (now() - t0) / 1000;
  const expected = total * CLIENTS;
  const deadline = now() + 10_000;
  while (delivered < expected && now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const rss = rssMb(server.proc.pid!);
  for (const s of sockets) s.close();
  await server.stop();
  await env.close();
  return { accepted: total, delivered, expected, acceptedToReceived: a2r, sentToReceived: s2r, durationS, rss };
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

console.log(`bench:e2e — ${CLIENTS} clients, ${RATE} events/s in ${TICK} ms batches, ${SECONDS} s, ${new Date().toISOString()}`);
const consoleRun = await runConsole();
report('console (HTTP ingest → commit → tail → Socket.IO rooms)', consoleRun);
console.log(`console server RSS ${consoleRun.rss.rss} MB (peak ${consoleRun.rss.peak} MB)`);
const baseline = await runBaseline({ clients: CLIENTS, drive, WebSocketImpl: WebSocket });
report('baseline (INSERT+NOTIFY → plain ws broadcast)', baseline);
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
}));
process.exit(0);
