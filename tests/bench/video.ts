// npm run bench:video [-- --viewers 16 --seconds 30]
// One RTSP camera (ffmpeg publishing a 640×360 25 fps H.264 test pattern, 1 s GOP, to the RTSP test server) watched
// by N Chromium pages through the built app's managed restreamer, each page playing the camera's same-origin
// playlist with hls.js and the product player's settings. Measures: RTSP sessions at the camera while everyone
// watches (target 1), hls.js `latency` sampled every second per page (p95, target ≤ 3 s), and the server's CPU
// (node + its restream ffmpeg, % of one core) over the measuring window. Last line: one JSON object.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HLS_CONFIG } from '@/components/video/hls-player';
import { benchDatabase, benchServer, benchTenant } from './support/bench-env';
import { percentile, round1 } from './support/stats';
import { launchBrowser } from '../e2e/support/browser';
import { publishTestPattern, startRtspServer, waitForPublisher } from '../support/rtsp-server';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const VIEWERS = arg('viewers', 16);
const SECONDS = arg('seconds', 30);
const WARMUP_S = 8;
// --sync-count N: try another hls.js liveSyncDurationCount than the player's (an experiment; the JSON says which).
const SYNC_COUNT = arg('sync-count', HLS_CONFIG.liveSyncDurationCount);
const PLAYER_CONFIG = { ...HLS_CONFIG, liveSyncDurationCount: SYNC_COUNT };
const HLS_JS = path.resolve('node_modules/hls.js/dist/hls.min.js');

/** CPU seconds (user + system) of a process and its children that are still running (the restream ffmpeg). */
function cpuSeconds(pid: number): number {
  const ticks = (p: number) => {
    try {
      const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(f[11]) + Number(f[12]);
    } catch {
      return 0;
    }
  };
  const children = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(pid);
    } catch {
      return false;
    }
  });
  return (ticks(pid) + children.reduce((s, c) => s + ticks(Number(c)), 0)) / 100;
}

console.log(`bench:video — ${VIEWERS} viewers × ${SECONDS} s, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
const env = await benchDatabase();
const tenant = await benchTenant(env.pool);
const rtsp = await startRtspServer();
const publisher = publishTestPattern(rtsp.url('bench'));
// BENCH_PORT: a fixed port for the server (a shared machine where a just-freed port can be taken again).
const server = await benchServer(env.db.url, { OUTBOUND_ALLOW: '127.0.0.1', RESTREAM_IDLE_SECONDS: '30', ...(process.env.BENCH_PORT ? { PORT: process.env.BENCH_PORT } : {}) }).catch(async (err: unknown) => {
  await publisher.stop();
  await rtsp.close();
  await env.close();
  throw err;
});
const browser = await launchBrowser();
try {
  await waitForPublisher(rtsp, 'bench');
  const cameraId = crypto.randomUUID();
  await env.pool.query(
    `INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url) VALUES ($1, $2, 'bench-rtsp', 'Bench RTSP', 37.78, -122.41, 'rtsp', $3)`,
    [cameraId, tenant.agencyId, rtsp.url('bench')],
  );
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: tenant.username, password: tenant.password }) });
  const [name, value] = (login.headers.get('set-cookie') ?? '').split(';')[0]!.split('=');
  const playlist = `/api/cameras/${cameraId}/stream/_live.m3u8`;
  const context = await browser.newContext({ viewport: { width: 480, height: 270 } });
  await context.addCookies([{ name: name!, value: value!, url: server.url }]);
  // A bare page on the app's origin (served by the browser, not the app): only hls.js and a <video>, so the
  // figures are the video path's, not the console's rendering.
  await context.route(`${server.url}/bench-video`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><video muted playsinline autoplay></video>' }));
  const pages = await Promise.all(Array.from({ length: VIEWERS }, async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/bench-video`);
    await page.addScriptTag({ path: HLS_JS });
    await page.evaluate(([src, config]) => {
      const w = window as unknown as { Hls: new (c: unknown) => { loadSource(s: string): void; attachMedia(v: HTMLVideoElement): void; latency: number }; samples: number[]; hls: unknown; stalls: number };
      const video = document.querySelector('video')!;
      w.stalls = 0;
      video.addEventListener('waiting', () => w.stalls++);
      const hls = new w.Hls(config);
      w.hls = hls;
      w.samples = [];
      hls.loadSource(src as string);
      hls.attachMedia(video);
      void video.play().catch(() => {});
      setInterval(() => {
        if (video.currentTime > 0 && !video.paused && Number.isFinite(hls.latency)) w.samples.push(hls.latency);
      }, 1000);
    }, [playlist, PLAYER_CONFIG] as const);
    return page;
  }));
  const started = Date.now();
  await Promise.all(pages.map((p) => p.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0, null, { timeout: 60_000 })));
  console.log(`all ${VIEWERS} playing after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
  await Promise.all(pages.map((p) => p.evaluate(() => ((window as unknown as { samples: number[] }).samples.length = 0))));
  const cpu0 = cpuSeconds(server.proc.pid!);
  const t0 = performance.now();
  let maxConnections = 0;
  const watch = setInterval(() => (maxConnections = Math.max(maxConnections, rtsp.playing('bench'))), 500);
  // The server's side alone: how long a playlist request takes while everyone watches (a 17th, HTTP-only viewer).
  const playlistMs: number[] = [];
  const readyMs: number[] = [];
  const cookie = `${name}=${value}`;
  const timed = (url: string, into: number[], headers: Record<string, string> = {}) => {
    const t = performance.now();
    void fetch(url, { headers }).then((r) => r.arrayBuffer()).then(() => into.push(performance.now() - t), () => {});
  };
  // Beside it, the cheapest route (/api/ready): what any request costs on this machine at this moment.
  const poll = setInterval(() => {
    timed(server.url + playlist, playlistMs, { cookie });
    timed(`${server.url}/api/ready`, readyMs);
  }, 1000);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  clearInterval(watch);
  clearInterval(poll);
  const serverCpuPct = ((cpuSeconds(server.proc.pid!) - cpu0) / ((performance.now() - t0) / 1000)) * 100;
  const samples = (await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as { samples: number[] }).samples)))).flat();
  const stalls = (await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as { stalls: number }).stalls)))).reduce((a, b) => a + b, 0);
  console.log(`latency samples ${samples.length}: p50 ${percentile(samples, 50).toFixed(2)} s, p95 ${percentile(samples, 95).toFixed(2)} s, max ${Math.max(...samples).toFixed(2)} s; RTSP sessions started ${rtsp.sessionsStarted('bench')}`);
  console.log(`player stalls (waiting events, all pages, whole run) ${stalls}; playlist request p50 ${percentile(playlistMs, 50).toFixed(0)} ms, p95 ${percentile(playlistMs, 95).toFixed(0)} ms (/api/ready p50 ${percentile(readyMs, 50).toFixed(0)} ms, p95 ${percentile(readyMs, 95).toFixed(0)} ms); load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(JSON.stringify({
    viewers: VIEWERS,
    cameraConnections: maxConnections,
    liveLatencyP95S: round1(percentile(samples, 95)),
    serverCpuPct: round1(serverCpuPct),
    ...(SYNC_COUNT !== HLS_CONFIG.liveSyncDurationCount ? { liveSyncDurationCount: SYNC_COUNT } : {}),
  }));
} finally {
  await browser.close();
  await server.stop();
  await publisher.stop();
  await rtsp.close();
  await env.close();
}
