// npm run bench:map [-- --points 100000 --batches 100 --batch 1000]
// The console map in real Chromium on the built app: fill the live layer with 100k points through the real server
// (HTTP ingest → Socket.IO → store → deck.gl), then push update batches of 1,000 events the same way and measure,
// per socket message, the renderer main thread's busy time from the message to the frame that drew it (Chromium
// trace, p95) and the wall time socket message → layer drawn (p95). Last line: one JSON object.
import fs from 'node:fs';
import { benchDatabase, benchServer, benchTenant } from './support/bench-env';
import { parseTrace } from './support/main-thread';
import { percentile, round1 } from './support/stats';
import { ConsolePage, launchBrowser } from '../e2e/support/browser';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const POINTS = arg('points', 100_000);
const BATCHES = arg('batches', 100);
const BATCH = arg('batch', 1000);
const TARGET_MS = 16;

// Kinds the correlator does not turn into incidents: this measures the live-points path, not the incident queue
// (100k CAD calls would open tens of thousands of incidents and measure the queue's rendering instead).
const KINDS = ['sensor', 'alert', 'camera'] as const;
let serial = 0;
/** Events sent that are live points (a unit's GPS fix moves the units layer instead). */
let pointsSent = 0;
/** One event in ten is a unit's GPS fix (the fast movers: they move the units layer too), the rest spread over San Francisco. */
function makeBatch(n: number): unknown[] {
  const at = new Date().toISOString();
  return Array.from({ length: n }, (_, i) => {
    const avl = i % 10 === 0;
    if (!avl) pointsSent += 1;
    return {
      externalId: `map-${serial++}`,
      kind: avl ? 'avl' : KINDS[i % KINDS.length],
      typeCode: avl ? 'position' : 'BENCH',
      occurredAt: at,
      lat: 37.71 + Math.random() * 0.1,
      lon: -122.51 + Math.random() * 0.14,
      title: avl ? `U${i % 200}` : 'bench',
    };
  });
}

console.log(`bench:map — ${POINTS} points, ${BATCHES} batches of ${BATCH}, ${new Date().toISOString()}`);
const env = await benchDatabase();
const tenant = await benchTenant(env.pool);
// The agency's home is San Francisco, where the points fall: the console draws the shipped street map under them
// (lib/maps/basemaps.ts), as an operator's console does; the frames measured carry the base map too.
await env.pool.query('UPDATE agency SET home_lat = 37.76, home_lon = -122.44, home_zoom = 12 WHERE id = $1', [tenant.agencyId]);
const server = await benchServer(env.db.url);
const browser = await launchBrowser();
const post = async (n: number) => {
  const body = JSON.stringify({ events: makeBatch(n) });
  const send = () =>
    fetch(`${server.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.key}` }, body });
  // A reused keep-alive connection can be reset under load; a resend is harmless (same externalIds: duplicates skipped).
  const res = await send().catch(() => send());
  if (res.status !== 202) throw new Error(`ingest ${res.status}: ${await res.text()}`);
  const seqs = ((await res.json()).results as { seq: string }[]).map((r) => r.seq);
  return seqs[seqs.length - 1]!;
};

try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  // The probe the client calls (components/live/debug-handle.ts probe()): page times only, tied to the trace's clock
  // by one calibration mark (main-thread.ts parseTrace says why not a mark per probe).
  await page.addInitScript(() => {
    const w = window as unknown as { __rtccProbe: unknown; __probeLog: [string, number, number, number][] };
    w.__probeLog = [];
    w.__rtccProbe = (name: string, t0: number, detail?: number) => {
      w.__probeLog.push([name, t0, performance.now(), detail ?? -1]);
    };
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const ui = new ConsolePage(page, server.url);
  await ui.signIn(tenant.username, tenant.password);
  await ui.waitLive();
  await page.waitForFunction(() => (window as unknown as { __rtcc?: { mapPoints: number } }).__rtcc?.mapPoints !== undefined);
  // Streets drawn (MapLibre idle with street names on screen) before the fill: the base map is under every frame.
  await page.waitForFunction(() => ((window as unknown as { __rtcc?: { mapStreetNames?: string[] } }).__rtcc?.mapStreetNames?.length ?? 0) > 0, null, { timeout: 120_000 });

  const fillStart = Date.now();
  // Three requests in flight: the fill is set-up, not measured.
  // Until POINTS of them are live points: one event in ten is a unit's fix, drawn by the units layer, not counted.
  await Promise.all(Array.from({ length: 3 }, async () => {
    while (pointsSent < POINTS) await post(Math.min(BATCH, Math.ceil((POINTS - pointsSent) / 0.9)));
  }));
  await page
    .waitForFunction((n) => ((window as unknown as { __rtcc?: { mapPoints: number } }).__rtcc?.mapPoints ?? 0) >= n, Math.min(POINTS, 100_000), { timeout: 300_000 })
    .catch(async (err: unknown) => {
      console.log(`fill stalled: ${JSON.stringify(await page.evaluate(() => (window as unknown as { __rtcc?: unknown }).__rtcc))}, ${serial} events sent`);
      throw err;
    });
  console.log(`filled ${POINTS} points in ${((Date.now() - fillStart) / 1000).toFixed(1)} s`);
  await new Promise((r) => setTimeout(r, 1000));

  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'devtools.timeline', 'toplevel', 'blink.user_timing'] });
  const calibration = { mark: 'rtcc-calibrate', atMs: await page.evaluate(() => {
    (window as unknown as { __probeLog: unknown[] }).__probeLog.length = 0;
    const at = performance.now();
    performance.mark('rtcc-calibrate');
    return at;
  }) };
  for (let b = 0; b < BATCHES; b++) {
    const last = await post(BATCH);
    await page.waitForFunction((s) => BigInt((window as unknown as { __rtcc: { lastSeq: string } }).__rtcc.lastSeq ?? '0') >= BigInt(s), last, { timeout: 30_000 });
    // Spaced like a busy city's bursts, so each message's work is measured on its own.
    await new Promise((r) => setTimeout(r, 150));
  }
  const traceJson = (await browser.stopTracing()).toString('utf8');
  // `--trace-out file.json`: keep the Chromium trace for DevTools (Performance panel → Load profile).
  const traceOut = process.argv.indexOf('--trace-out');
  const trace = parseTrace(traceJson, calibration);
  const log = await page.evaluate(() => (window as unknown as { __probeLog: [string, number, number, number][] }).__probeLog);
  // …and the probes beside it (<file>.probes.json), to find each batch in it.
  if (traceOut > 0) {
    fs.writeFileSync(process.argv[traceOut + 1]!, traceJson);
    fs.writeFileSync(`${process.argv[traceOut + 1]!}.probes.json`, JSON.stringify({ calibration, log }));
  }

  const busy: number[] = [];
  const busyTotal: number[] = [];
  const toLayer: number[] = [];
  const applyOnly: number[] = [];
  const breakdown: Record<string, number> = {};
  for (let i = 0; i < log.length; i++) {
    const [name, t0, t1, version] = log[i]!;
    if (name !== 'events') continue;
    applyOnly.push(t1 - t0);
    // The first frame drawn after a layer built from this message's store version (or a later one).
    const layer = log.findIndex((e, j) => j > i && e[0] === 'layer' && e[3] >= version);
    const render = layer < 0 ? -1 : log.findIndex((e, j) => j > layer && e[0] === 'render');
    if (render < 0) continue;
    const drawn = log[render]![2];
    toLayer.push(drawn - t0);
    const ms = trace.busyBetween(t0, drawn);
    if (ms !== null) {
      busy.push(ms.work);
      busyTotal.push(ms.total);
      for (const [k, v] of Object.entries(trace.breakdownBetween(t0, drawn) ?? {})) breakdown[k] = (breakdown[k] ?? 0) + v;
    }
  }
  if (busy.length < BATCHES * 0.8) throw new Error(`only ${busy.length} of ${BATCHES} batches could be measured`);
  const { mapPoints, streets } = await page.evaluate(() => {
    const h = (window as unknown as { __rtcc: { mapPoints: number; mapStreetNames?: string[] } }).__rtcc;
    return { mapPoints: h.mapPoints, streets: h.mapStreetNames?.length ?? 0 };
  });
  console.log(`street base map under the points: ${streets} street names on screen`);
  const batchP95Ms = round1(percentile(busy, 95));
  console.log(`${busy.length} socket messages measured (${round1((BATCHES * BATCH) / busy.length)} events each on average)`);
  console.log(`main thread per batch (message → frame drawn: script, style, layout, paint): p50 ${round1(percentile(busy, 50))} ms, p95 ${batchP95Ms} ms, max ${round1(Math.max(...busy))} ms (target p95 ≤ ${TARGET_MS} ms)`);
  console.log(`  with the compositor commits (software WebGL here, no GPU): p50 ${round1(percentile(busyTotal, 50))} ms, p95 ${round1(percentile(busyTotal, 95))} ms`);
  const parts = Object.entries(breakdown).sort((x, y) => y[1] - x[1]);
  console.log(`  where it went, mean per message: ${parts.map(([k, v]) => `${k} ${round1(v / busy.length)} ms`).join(', ')}`);
  console.log(`of which socket handler (parse + store): p50 ${round1(percentile(applyOnly, 50))} ms, p95 ${round1(percentile(applyOnly, 95))} ms`);
  // A batch changes deck.gl's canvas only: MapLibre redrawing the streets too (their SwiftShader frame lands in the
  // page's compositor commit) is a cost the live path should not have.
  const drawn = log.filter((e) => e[0] === 'render').length;
  console.log(`frames drawn while measuring: deck.gl ${drawn}, MapLibre (streets) ${log.filter((e) => e[0] === 'basemap').length}`);
  console.log(`socket message → layer drawn: p50 ${round1(percentile(toLayer, 50))} ms, p95 ${round1(percentile(toLayer, 95))} ms`);
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
  console.log(JSON.stringify({ points: mapPoints, batchP95Ms, messageToLayerP95Ms: round1(percentile(toLayer, 95)) }));
} finally {
  await browser.close();
  await server.stop();
  await env.close();
}
process.exit(0);
