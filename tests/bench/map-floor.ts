// npm run bench:map-floor [-- --runs 5]
// What the street map alone costs in this machine's Chromium: the floor under bench:console's mapStreetsDrawnMs.
// A bare page (no app, no sign-in, no live layer, no React) draws the console's own offline style (map-style.ts:
// the bundled San Francisco .pmtiles, its fonts, the neighbourhood outlines) with the console's MapLibre settings,
// in a map the size of the console's at 1920×1080 (1520×1032), in a fresh browser context per run, served from a
// local file server with HTTP Range. Timed from navigation start to MapLibre's first 'idle' with street names on
// screen; the same with the style the console uses where no street map covers the agency (background and
// nothing else) shows what MapLibre itself costs here. CPU seconds of Chromium's processes over each run (from
// /proc) say what the same work needs whatever else the machine is doing.
// Last line: {"streetsIdleMs","backgroundIdleMs","streetsCpuS","backgroundCpuS","runs"} (medians).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createDefaultStyle } from '@/components/map/map-style';
import { BUILTIN_BASEMAPS } from '@/lib/maps/basemaps';
import { launchBrowser } from '../e2e/support/browser';
import { percentile, round1 } from './support/stats';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const SIZE = { width: 1520, height: 1032 };
const MODULES = path.resolve('node_modules');
const PUBLIC = path.resolve('public');

/** The page: MapLibre and the pmtiles protocol as live-map.tsx sets them up on a software renderer. */
const page = (style: string) => `<!doctype html><html><head><link rel="stylesheet" href="/m/maplibre-gl/dist/maplibre-gl.css">
<script type="importmap">{"imports":{"fflate":"/m/fflate/esm/browser.js"}}</script>
<style>body{margin:0}#map{position:absolute;inset:0}</style></head><body><div id="map"></div><script type="module">
import * as maplibregl from '/m/maplibre-gl/dist/maplibre-gl.mjs';
import { Protocol } from '/m/pmtiles/dist/esm/index.js';
maplibregl.setWorkerUrl('/m/maplibre-gl/dist/maplibre-gl-worker.mjs');
maplibregl.addProtocol('pmtiles', new Protocol().tile);
const style = await (await fetch('/style/${style}')).json();
const map = new maplibregl.Map({ container: 'map', style, center: [-122.44, 37.76], zoom: 12, fadeDuration: 0, dragRotate: false });
map.on('idle', () => {
  if (window.__idle) return;
  const layers = ['roads_labels_minor', 'roads_labels_major'].filter((l) => map.getLayer(l));
  const names = layers.length ? map.queryRenderedFeatures({ layers }).length : 0;
  if (names > 0 || ${style === 'background'}) window.__idle = { ms: performance.now(), names };
});
</script></body></html>`;

function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url.pathname.startsWith('/page/')) return send(res, 'text/html', page(url.pathname.slice(6)));
    if (url.pathname === '/style/streets') return send(res, 'application/json', JSON.stringify(createDefaultStyle(origin, BUILTIN_BASEMAPS[0]!, true)));
    if (url.pathname === '/style/background') return send(res, 'application/json', JSON.stringify(createDefaultStyle(origin, null, false)));
    const file = url.pathname.startsWith('/m/') ? path.join(MODULES, url.pathname.slice(3)) : path.join(PUBLIC, url.pathname);
    if (!file.startsWith(MODULES) && !file.startsWith(PUBLIC)) return void res.writeHead(403).end();
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
    const size = fs.statSync(file).size;
    const type = /\.m?js$/.test(file) ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : file.endsWith('.json') || file.endsWith('.geojson') ? 'application/json' : 'application/octet-stream';
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!range) return void fs.createReadStream(file).pipe(res.writeHead(200, { 'content-type': type, 'content-length': size }));
    const start = Number(range[1]);
    const end = Math.min(Number(range[2]), size - 1);
    fs.createReadStream(file, { start, end }).pipe(res.writeHead(206, { 'content-type': type, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function send(res: http.ServerResponse, type: string, body: string): void {
  res.writeHead(200, { 'content-type': type }).end(body);
}

/** CPU seconds of every Chromium process, by process type (renderer, gpu-process, browser, utility…). */
function chromiumCpu(): Map<string, number> {
  const by = new Map<string, number>();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!/\((chromium|chrome)\)/.test(stat)) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const type = /--type=([a-z-]+)/.exec(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      by.set(type, (by.get(type) ?? 0) + (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return by;
}

async function main(): Promise<void> {
  console.log(`bench:map-floor — ${new Date().toISOString()}, ${RUNS} runs each, map ${SIZE.width}×${SIZE.height}`);
  const server = await serve();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  const result: Record<string, { ms: number[]; cpu: number[] }> = { streets: { ms: [], cpu: [] }, background: { ms: [], cpu: [] } };
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const style of ['streets', 'background'] as const) {
        const context = await browser.newContext({ viewport: SIZE });
        const tab = await context.newPage();
        const before = chromiumCpu();
        await tab.goto(`${base}/page/${style}`);
        const idle = (await (await tab.waitForFunction(() => (window as unknown as { __idle?: unknown }).__idle, null, { timeout: 120_000 })).jsonValue()) as { ms: number; names: number };
        const after = chromiumCpu();
        const cpu = [...after].map(([type, s]) => [type, s - (before.get(type) ?? 0)] as const).filter(([, s]) => s >= 0.05);
        const total = cpu.reduce((sum, [, s]) => sum + s, 0);
        result[style]!.ms.push(idle.ms);
        result[style]!.cpu.push(total);
        console.log(`${style}: idle ${round1(idle.ms)} ms (${idle.names} street labels), Chromium CPU ${total.toFixed(2)} s (${cpu.map(([t, s]) => `${t} ${s.toFixed(2)}`).join(', ')})`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const s = result.streets!;
  const b = result.background!;
  console.log(JSON.stringify({ streetsIdleMs: round1(percentile(s.ms, 50)), backgroundIdleMs: round1(percentile(b.ms, 50)), streetsCpuS: round1(percentile(s.cpu, 50)), backgroundCpuS: round1(percentile(b.cpu, 50)), runs: RUNS }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
