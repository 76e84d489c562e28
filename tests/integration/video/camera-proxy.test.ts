import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertStreamCamera } from '@/lib/video/test-pattern';
import { makeAgency, makeUser, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** A stand-in camera: a live playlist with relative, out-of-directory, foreign-origin URIs, and one segment. */
const SEGMENT = Buffer.from('not really mpeg-ts, but bytes the proxy must pass through unchanged');
let upstream: http.Server;
let upstreamUrl: string;
let app: TestApp;
let cookieA: string;
let cookieB: string;
let liveCam: string;
let deadCam: string;
let agencyA: string;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    if (req.url === '/cams/c1/index.m3u8') {
      res.setHeader('content-type', 'application/vnd.apple.mpegurl');
      res.end(['#EXTM3U', '#EXT-X-TARGETDURATION:1', '#EXTINF:1.0,', 'seg-1.ts?tok=9', '#EXTINF:1.0,', '/other/seg-2.ts', '#EXTINF:1.0,', 'https://evil.example.net/x.ts', ''].join('\n'));
    } else if (req.url === '/cams/c1/seg-1.ts?tok=9') {
      res.setHeader('content-type', 'video/mp2t');
      res.end(SEGMENT);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  app = await startTestApp();
  const pool = app.db.pool;
  const [a, b] = [await makeAgency(pool), await makeAgency(pool)];
  agencyA = a.id;
  const [ua, ub] = [await makeUser(pool, a.id, 'operator'), await makeUser(pool, b.id, 'operator')];
  [cookieA, cookieB] = [await app.login(ua.username, ua.password), await app.login(ub.username, ub.password)];
  liveCam = await upsertStreamCamera(pool, a.id, { externalId: uid('cam'), name: 'Live', lat: 37.7, lon: -122.4, heading: null, streamUrl: `${upstreamUrl}/cams/c1/index.m3u8` });
  deadCam = await upsertStreamCamera(pool, a.id, { externalId: uid('cam'), name: 'Dead', lat: 37.7, lon: -122.4, heading: null, streamUrl: 'http://127.0.0.1:9/x/index.m3u8' });
});
afterAll(async () => {
  await app?.stop();
  await new Promise((r) => upstream?.close(r));
});

const get = (path: string, cookie: string) => fetch(app.url + path, { headers: cookie ? { cookie } : {} });
const proxy = (cam: string, rest: string) => `/api/cameras/${cam}/stream/${rest}`;

it('lists only the agency’s cameras, without their upstream URLs', async () => {
  const mine = (await (await get('/api/cameras', cookieA)).json()) as { cameras: Record<string, unknown>[] };
  expect(mine.cameras.map((c) => c.id).sort()).toEqual([liveCam, deadCam].sort());
  expect(JSON.stringify(mine)).not.toContain('127.0.0.1');
  const theirs = (await (await get('/api/cameras', cookieB)).json()) as { cameras: unknown[] };
  expect(theirs.cameras).toEqual([]);
  expect((await get('/api/cameras', '')).status).toBe(401);
});

it('proxies the playlist with every URI rewritten to itself, and segments byte for byte', async () => {
  const res = await get(proxy(liveCam, '_live.m3u8'), cookieA);
  expect(res.status).toBe(200);
  const lines = (await res.text()).split('\n');
  const prefix = `/api/cameras/${liveCam}/stream/`;
  expect(lines).toContain(`${prefix}seg-1.ts?tok=9`);
  expect(lines).toContain(`${prefix}_/other/seg-2.ts`);
  expect(lines).toContain(`${prefix}_blocked`);
  expect(lines.join('\n')).not.toContain('evil.example.net');
  const seg = await get(`${prefix}seg-1.ts?tok=9`, cookieA);
  expect(seg.status).toBe(200);
  expect(Buffer.from(await seg.arrayBuffer()).equals(SEGMENT)).toBe(true);
  expect((await get(`${prefix}_blocked`, cookieA)).status).toBe(404);
  expect((await get(`${prefix}..%2F..%2Fetc%2Fpasswd`, cookieA)).status).toBe(404);
});

it('refuses another agency (audited as denied) and anonymous viewers; records a viewer once per viewing', async () => {
  expect((await get(proxy(liveCam, '_live.m3u8'), cookieB)).status).toBe(403);
  expect((await get(proxy(liveCam, '_live.m3u8'), '')).status).toBe(401);
  for (let i = 0; i < 3; i++) await (await get(proxy(liveCam, '_live.m3u8'), cookieA)).arrayBuffer();
  const views = await app.db.pool.query(`SELECT actor_user_id FROM audit_log WHERE action = 'video.view' AND target_id = $1 AND outcome = 'allow'`, [liveCam]);
  expect(views.rowCount).toBe(1);
  const denied = await app.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'access.denied' AND details->>'resourceAgencyId' = $1`, [agencyA]);
  expect(denied.rowCount).toBeGreaterThanOrEqual(1);
});

it('answers an unreachable camera with 503 "No signal", not a hang or a 500', async () => {
  const res = await get(proxy(deadCam, '_live.m3u8'), cookieA);
  expect(res.status).toBe(503);
  expect(((await res.json()) as { error: string }).error).toMatch(/No signal/);
});

it('stores the wall state per agency and validates pushes', async () => {
  const post = (body: unknown, cookie = cookieA) =>
    fetch(`${app.url}/api/wall`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const before = (await (await get('/api/wall', cookieA)).json()) as { version: number };
  const r = await post({ layout: 3, cameraIds: [liveCam] });
  expect(r.status).toBe(200);
  const after = (await (await get('/api/wall', cookieA)).json()) as { layout: number; cameraIds: string[]; version: number; mode: string };
  expect(after).toMatchObject({ layout: 3, cameraIds: [liveCam] });
  expect(after.version).toBe(before.version + 1);
  expect((await post({ cameraIds: [liveCam] }, cookieB)).status).toBe(404); // not B's camera
  expect((await post({ incidentId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  expect((await post({ layout: 7 })).status).toBe(400);
  expect((await post({})).status).toBe(400);
  expect(((await (await get('/api/wall', cookieB)).json()) as { version: number }).version).toBe(0);
});
