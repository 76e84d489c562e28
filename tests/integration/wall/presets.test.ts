import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWallDevice } from '@/lib/auth/wall-device';
import type { ClientToServer, ServerToClient } from '@/lib/domain/realtime';
import type { WallPresetDto, WallStateDto } from '@/lib/domain/wall';
import { upsertStreamCamera } from '@/lib/video/test-pattern';
import { makeAgency, makeEvent, makeSource, makeUser, uid } from '../../helpers/factories';
import { startTestApp, UNLIMITED, type TestApp } from '../../helpers/test-app';

/** Wall presets over the real server: the REST API, per-agency isolation, audit, and the rule-driven switch. */
let app: TestApp;
let agencyA: string;
let cookieOp: string;
let cookieAdmin: string;
let cookieDetective: string;
let cookieB: string;
let cams: string[];
let camB: string;
let wall: Socket<ServerToClient, ClientToServer>;
const pushed: WallStateDto[] = [];

const cam = (pool: TestApp['db']['pool'], agencyId: string, name: string) =>
  upsertStreamCamera(pool, agencyId, { externalId: uid('cam'), name, lat: 37.7793, lon: -122.4193, heading: null, streamUrl: 'http://127.0.0.1:9/x/index.m3u8' });

beforeAll(async () => {
  app = await startTestApp(UNLIMITED);
  const pool = app.db.pool;
  const [a, b] = [await makeAgency(pool), await makeAgency(pool)];
  agencyA = a.id;
  const [op, admin, det, opB] = [
    await makeUser(pool, a.id, 'operator'), await makeUser(pool, a.id, 'admin'), await makeUser(pool, a.id, 'detective'), await makeUser(pool, b.id, 'operator'),
  ];
  cookieOp = await app.login(op.username, op.password);
  cookieAdmin = await app.login(admin.username, admin.password);
  cookieDetective = await app.login(det.username, det.password);
  cookieB = await app.login(opB.username, opB.password);
  cams = [await cam(pool, a.id, 'North'), await cam(pool, a.id, 'South'), await cam(pool, a.id, 'East')];
  camB = await cam(pool, b.id, 'Other agency');
  // A wall page of agency A, as a kiosk's socket: joins the wall room and records every `wall` push.
  const device = await createWallDevice(pool, a.id, 'Wall 1');
  const signIn = await fetch(`${app.url}/api/auth/device`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: device.token }) });
  expect(signIn.status).toBe(200);
  const cookieDevice = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  wall = connect(app.url, { transports: ['websocket'], extraHeaders: { cookie: cookieDevice }, reconnection: false, forceNew: true });
  wall.on('wall', (s) => pushed.push(s));
  await new Promise<void>((resolve, reject) => {
    wall.once('connect_error', reject);
    wall.on('connect', () => wall.emit('wallJoin', (res) => (res.ok ? resolve() : reject(new Error(res.error)))));
  });
});
afterAll(async () => {
  wall?.close();
  await app?.stop();
});

const req = (method: string, path: string, cookie: string, body?: unknown) =>
  fetch(app.url + path, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
const list = async (cookie: string) => ((await (await req('GET', '/api/wall/presets', cookie)).json()) as { presets: WallPresetDto[] }).presets;
const waitPush = async (pred: (s: WallStateDto) => boolean, ms = 15_000) => {
  const t0 = Date.now();
  while (!pushed.some(pred)) {
    if (Date.now() - t0 > ms) throw new Error(`no matching wall push in ${ms} ms; got ${JSON.stringify(pushed.slice(-3))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

it('saves, overwrites by name, lists per agency, validates and refuses read-only roles', async () => {
  const first = await req('POST', '/api/wall/presets', cookieOp, { name: 'Night shift', layout: 2, cameraIds: [cams[0], cams[1]] });
  expect(first.status).toBe(201);
  const again = await req('POST', '/api/wall/presets', cookieOp, { name: 'Night shift', layout: 3, cameraIds: [cams[2], cams[0]] });
  expect(again.status).toBe(200);
  const mine = await list(cookieOp);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ name: 'Night shift', layout: 3, cameraIds: [cams[2], cams[0]] });
  // Cameras beyond the layout's tiles are not kept: a 1×1 preset holds one camera.
  expect((await req('POST', '/api/wall/presets', cookieOp, { name: 'Solo', layout: 1, cameraIds: cams })).status).toBe(201);
  expect((await list(cookieOp)).find((p) => p.name === 'Solo')?.cameraIds).toEqual([cams[0]]);

  expect(await list(cookieB)).toEqual([]);
  expect((await req('POST', '/api/wall/presets', cookieB, { name: 'Steal', layout: 1, cameraIds: [cams[0]] })).status).toBe(404);
  expect((await req('POST', '/api/wall/presets', cookieOp, { name: 'Bad', layout: 1, cameraIds: [camB] })).status).toBe(404);
  expect((await req('POST', '/api/wall/presets', cookieOp, { name: 'Bad', layout: 5 })).status).toBe(400);
  expect((await req('POST', '/api/wall/presets', cookieOp, { name: ' ' })).status).toBe(400);
  expect((await req('POST', '/api/wall/presets', cookieDetective, { name: 'Nope', layout: 1, cameraIds: [] })).status).toBe(403);
  expect((await req('GET', '/api/wall/presets', '')).status).toBe(401);
  const audited = await app.db.pool.query(`SELECT details FROM audit_log WHERE action = 'wall.preset.save' AND agency_id = $1`, [agencyA]);
  expect(audited.rowCount).toBe(3);
});

it('loads a preset onto the wall: stored, pushed live to the wall room, follow mode left; deletes', async () => {
  expect((await req('POST', '/api/wall', cookieOp, { mode: 'follow' })).status).toBe(200);
  const night = (await list(cookieOp)).find((p) => p.name === 'Night shift')!;
  const res = await req('POST', `/api/wall/presets/${night.id}/load`, cookieOp);
  expect(res.status).toBe(200);
  const state = (await res.json()) as WallStateDto;
  expect(state).toMatchObject({ layout: 3, mode: 'manual', incidentId: null, cameraIds: [cams[2], cams[0]] });
  await waitPush((s) => s.version === state.version && s.layout === 3 && s.mode === 'manual');
  expect((await (await req('GET', '/api/wall', cookieOp)).json()) as WallStateDto).toMatchObject({ layout: 3, version: state.version });

  // Another agency can neither load nor delete it; nonsense ids are 404, not 500.
  expect((await req('POST', `/api/wall/presets/${night.id}/load`, cookieB)).status).toBe(404);
  expect((await req('DELETE', `/api/wall/presets/${night.id}`, cookieB)).status).toBe(404);
  expect((await req('POST', '/api/wall/presets/not-a-uuid/load', cookieOp)).status).toBe(404);
  expect((await req('POST', `/api/wall/presets/${night.id}/load`, cookieDetective)).status).toBe(403);

  const solo = (await list(cookieOp)).find((p) => p.name === 'Solo')!;
  expect((await req('DELETE', `/api/wall/presets/${solo.id}`, cookieOp)).status).toBe(204);
  expect((await req('DELETE', `/api/wall/presets/${solo.id}`, cookieOp)).status).toBe(404);
  expect((await req('POST', `/api/wall/presets/${solo.id}/load`, cookieOp)).status).toBe(404);
  const trail = await app.db.pool.query<{ action: string }>(
    `SELECT action FROM audit_log WHERE action IN ('wall.preset.load', 'wall.preset.delete', 'wall.update') AND agency_id = $1 ORDER BY id`,
    [agencyA],
  );
  expect(trail.rows.map((r) => r.action)).toEqual(['wall.update', 'wall.preset.load', 'wall.preset.delete']);
});

it('a rule’s “switch wall preset” action switches the agency’s walls live when it fires', async () => {
  const pool = app.db.pool;
  expect((await req('POST', '/api/wall/presets', cookieOp, { name: 'Shots', layout: 4, cameraIds: [cams[1], cams[2]] })).status).toBe(201);
  // Back to follow mode first: the rule must take the wall out of it.
  expect((await req('POST', '/api/wall', cookieOp, { mode: 'follow', layout: 2 })).status).toBe(200);
  const rule = await req('POST', '/api/admin/rules', cookieAdmin, {
    name: 'Shots → wall', premise: { kind: 'gunshot', conditions: [] }, actions: [{ type: 'wall_preset', preset: 'shots' }],
  });
  expect(rule.status).toBe(201);
  const ruleId = ((await rule.json()) as { rule: { id: string } }).rule.id;
  const source = await makeSource(pool, agencyA, 'gunshot');
  const before = pushed.length;
  // The correlator reloads rules on a NOTIFY: post until it has the rule (usually the first event).
  const t0 = Date.now();
  while (!pushed.slice(before).some((s) => s.layout === 4)) {
    if (Date.now() - t0 > 15_000) throw new Error(`the rule never switched the wall:\n${app.output().slice(-2000)}`);
    const r = await fetch(`${app.url}/api/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${source.key}` },
      body: JSON.stringify({ events: [makeEvent({ kind: 'gunshot', typeCode: 'Multiple_Gunshots', priority: 1, title: 'Shots' })] }),
    });
    expect(r.status).toBe(202);
    await new Promise((r2) => setTimeout(r2, 300));
  }
  const switched = pushed.slice(before).find((s) => s.layout === 4)!;
  expect(switched).toMatchObject({ mode: 'manual', incidentId: null, cameraIds: [cams[1], cams[2]] });
  expect((await (await req('GET', '/api/wall', cookieOp)).json()) as WallStateDto).toMatchObject({ layout: 4, mode: 'manual' });
  const byRule = await pool.query(`SELECT actor_label FROM audit_log WHERE action = 'wall.preset.load' AND actor_label = $1`, [`rule:${ruleId}`]);
  expect(byRule.rowCount).toBeGreaterThanOrEqual(1);
});

it('concurrent wall commands from two consoles both take effect (no lost update)', async () => {
  for (let i = 0; i < 5; i++) {
    expect((await req('POST', '/api/wall', cookieOp, { layout: 1, mode: 'manual' })).status).toBe(200);
    const [a, b] = await Promise.all([req('POST', '/api/wall', cookieOp, { layout: 4 }), req('POST', '/api/wall', cookieAdmin, { mode: 'follow' })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await (await req('GET', '/api/wall', cookieOp)).json()) as WallStateDto).toMatchObject({ layout: 4, mode: 'follow' });
  }
});
