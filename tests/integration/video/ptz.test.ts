import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertStreamCamera } from '@/lib/video/test-pattern';
import { startOnvifSimulator, type OnvifSimulator } from '../../support/onvif-simulator';
import { makeAgency, makeEvent, makeSource, makeUser, uid } from '../../helpers/factories';
import { startTestApp, UNLIMITED, type TestApp } from '../../helpers/test-app';

/**
 * PTZ over ONVIF against a device simulator that speaks SOAP and checks WS-Security digests: control from the
 * console's routes (roles, agency, audit, rate limit, outbound-address policy) and slew-to-cue on a new P1.
 */
let app: TestApp;
let sim: OnvifSimulator;
let agencyA: string;
let camId: string;
let camB: string;
const cookies: Record<string, string> = {};
// The event place; the camera stands ≈100 m north of it looking east, so the place is due south (bearing 180°).
const PLACE = { lat: 37.7749, lon: -122.4194 };

beforeAll(async () => {
  sim = await startOnvifSimulator({
    presets: [
      { token: '1', name: 'East along the street', pan: 0, tilt: 0 },
      { token: '2', name: 'South corner', pan: 0.5, tilt: -0.1 },
    ],
  });
  app = await startTestApp({ ...UNLIMITED, PTZ_RATE_PER_SEC: '0.5', PTZ_BURST: '6' });
  const pool = app.db.pool;
  const [a, b] = [await makeAgency(pool), await makeAgency(pool)];
  agencyA = a.id;
  for (const [k, agency, role] of [['op', a.id, 'operator'], ['op2', a.id, 'operator'], ['det', a.id, 'detective'], ['admin', a.id, 'admin'], ['opB', b.id, 'operator']] as const) {
    const u = await makeUser(pool, agency, role);
    cookies[k] = await app.login(u.username, u.password);
  }
  camId = await upsertStreamCamera(pool, a.id, { externalId: uid('ptz'), name: 'Dome 7', lat: PLACE.lat + 0.0009, lon: PLACE.lon, heading: 90, fovDeg: 90, rangeM: 300, streamUrl: 'http://127.0.0.1:9/x/index.m3u8' });
  camB = await upsertStreamCamera(pool, b.id, { externalId: uid('ptz'), name: 'Other dome', lat: PLACE.lat, lon: PLACE.lon, heading: 0, streamUrl: 'http://127.0.0.1:9/y/index.m3u8' });
});
afterAll(async () => {
  await app?.stop();
  await sim?.close();
});

const req = (method: string, path: string, cookie: string, body?: unknown) =>
  fetch(app.url + path, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
const onvif = (id: string, body: unknown, cookie = cookies.admin!) => req('PUT', `/api/admin/cameras/${id}/onvif`, cookie, body);

it('an admin sets the ONVIF endpoint; a private address outside the allow list is refused, naming url', async () => {
  // 127.0.0.2 is loopback but not on this server's OUTBOUND_ALLOW (127.0.0.1, localhost).
  const other = await startOnvifSimulator({ host: '127.0.0.2' });
  try {
    const refused = await onvif(camId, { url: other.url, username: 'ptz-operator', password: 'sim-secret-42', ptz: true });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: string; issues?: { path: string }[] };
    expect(body.error).toMatch(/loopback address, refused by the outbound-address policy/);
    expect(body.issues?.[0]?.path).toBe('url');
    expect(other.calls).toHaveLength(0);
  } finally {
    await other.close();
  }
  expect((await onvif(camId, { url: 'ftp://127.0.0.1/x', username: null })).status).toBe(400);
  expect((await onvif(camId, { url: sim.url, username: 'ptz-operator', password: 'sim-secret-42', ptz: true }, cookies.op)).status).toBe(403);
  expect((await onvif(camB, { url: sim.url, username: 'ptz-operator', password: 'sim-secret-42', ptz: true })).status).toBe(404);
  expect((await onvif(camId, { url: sim.url, username: 'ptz-operator', password: 'sim-secret-42', ptz: true })).status).toBe(200);

  // The password is sealed at rest and never leaves the server; browsers learn only the PTZ flag.
  const row = await app.db.pool.query<{ onvif_password: string }>('SELECT onvif_password FROM camera WHERE id = $1', [camId]);
  expect(row.rows[0]!.onvif_password).not.toContain('sim-secret-42');
  const forBrowsers = await (await req('GET', '/api/cameras', cookies.admin!)).text();
  expect(forBrowsers).not.toContain('sim-secret-42');
  expect(forBrowsers).not.toContain(String(sim.port));
  // Admins see where the endpoint is and whether a password is stored, never the password.
  const adminText = await (await req('GET', '/api/admin/cameras', cookies.admin!)).text();
  expect(adminText).not.toContain('sim-secret-42');
  const adminCam = (JSON.parse(adminText) as { cameras: { id: string; onvifUrl: string; onvifPasswordSet: boolean }[] }).cameras.find((c) => c.id === camId);
  expect(adminCam).toMatchObject({ onvifUrl: sim.url, onvifPasswordSet: true });
  const cams = ((await (await req('GET', '/api/cameras', cookies.op!)).json()) as { cameras: { id: string; ptz: boolean }[] }).cameras;
  expect(cams.find((c) => c.id === camId)?.ptz).toBe(true);
});

it('an operator lists presets and calls one: the GotoPreset reaches the simulator with a valid digest, audited', async () => {
  const list = await req('GET', `/api/cameras/${camId}/ptz/presets`, cookies.op!);
  expect(list.status).toBe(200);
  expect(((await list.json()) as { presets: unknown[] }).presets).toEqual([{ token: '1', name: 'East along the street' }, { token: '2', name: 'South corner' }]);
  const before = sim.calls.length;
  expect((await req('POST', `/api/cameras/${camId}/ptz/preset`, cookies.op!, { token: '2' })).status).toBe(204);
  const call = sim.calls.slice(before).find((c) => c.action === 'GotoPreset');
  expect(call).toMatchObject({ user: 'ptz-operator', params: { profile: 'profile_1', preset: '2' } });
  expect(sim.position).toMatchObject({ pan: 0.5, tilt: -0.1 });

  expect((await req('POST', `/api/cameras/${camId}/ptz/move`, cookies.op!, { pan: -0.4, timeoutMs: 2000 })).status).toBe(204);
  expect(sim.calls.at(-1)).toMatchObject({ action: 'ContinuousMove', params: { pan: -0.4, tilt: 0, zoom: 0, timeout: 'PT2S' } });
  expect(sim.position.moving).toBe(true);
  expect((await req('POST', `/api/cameras/${camId}/ptz/stop`, cookies.op!)).status).toBe(204);
  expect(sim.calls.at(-1)?.action).toBe('Stop');
  expect(sim.position.moving).toBe(false);
  expect(sim.refused).toEqual([]);

  const trail = await app.db.pool.query<{ action: string; details: Record<string, unknown> }>(
    `SELECT action, details FROM audit_log WHERE target_type = 'camera' AND target_id = $1 AND action LIKE 'camera.ptz.%' ORDER BY id`, [camId]);
  expect(trail.rows.map((r) => r.action)).toEqual(['camera.ptz.preset', 'camera.ptz.move', 'camera.ptz.stop']);
  expect(trail.rows[0]!.details).toMatchObject({ token: '2' });

  // Bad input names the field and sends nothing.
  const n = sim.calls.length;
  const bad = await req('POST', `/api/cameras/${camId}/ptz/move`, cookies.op!, { pan: 3 });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('pan');
  expect((await req('POST', `/api/cameras/${camId}/ptz/preset`, cookies.op!, {})).status).toBe(400);
  expect(sim.calls.length).toBe(n);
});

it('refuses roles below operator, other agencies and anonymous callers; nothing reaches the camera', async () => {
  const n = sim.calls.length;
  expect((await req('POST', `/api/cameras/${camId}/ptz/preset`, cookies.det!, { token: '1' })).status).toBe(403);
  expect((await req('GET', `/api/cameras/${camId}/ptz/presets`, cookies.det!)).status).toBe(403);
  expect((await req('POST', `/api/cameras/${camId}/ptz/preset`, cookies.opB!, { token: '1' })).status).toBe(404);
  expect((await req('POST', `/api/cameras/${camId}/ptz/stop`, '')).status).toBe(401);
  expect(sim.calls.length).toBe(n);
  const denied = await app.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'access.denied' AND target_id = 'camera.ptz' AND agency_id = $1`, [agencyA]);
  expect(denied.rowCount).toBeGreaterThanOrEqual(1);
});

it('wrong camera credentials: the device refuses the digest, the console answers 503 and audits the error', async () => {
  expect((await onvif(camId, { url: sim.url, username: 'ptz-operator', password: 'not-the-password' })).status).toBe(200);
  const res = await req('POST', `/api/cameras/${camId}/ptz/preset`, cookies.op!, { token: '1' });
  expect(res.status).toBe(503);
  expect(sim.refused.at(-1)).toMatchObject({ why: 'wrong username or password' });
  const err = await app.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'camera.ptz.preset' AND outcome = 'error' AND target_id = $1`, [camId]);
  expect(err.rowCount).toBe(1);
  expect((await onvif(camId, { url: sim.url, username: 'ptz-operator', password: 'sim-secret-42' })).status).toBe(200);
});

it('a camera whose firmware answers nonsense gets a 503; the server stays up and the next good answer works', async () => {
  sim.garbled.add('GetPresets');
  try {
    const res = await req('GET', `/api/cameras/${camId}/ptz/presets`, cookies.admin!);
    expect(res.status).toBe(503);
    expect(sim.calls.some((c) => c.action === 'GetPresets' && c.params.garbled === 1)).toBe(true);
    expect((await fetch(`${app.url}/api/ready`)).status).toBe(200);
    expect(app.proc.exitCode).toBeNull();
  } finally {
    sim.garbled.delete('GetPresets');
  }
  const again = await req('GET', `/api/cameras/${camId}/ptz/presets`, cookies.admin!);
  expect(again.status).toBe(200);
});

it('rate-limits PTZ commands per user and camera (429 with Retry-After)', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) statuses.push((await req('POST', `/api/cameras/${camId}/ptz/stop`, cookies.op2!)).status);
  expect(statuses.slice(0, 6)).toEqual([204, 204, 204, 204, 204, 204]);
  const limited = await req('POST', `/api/cameras/${camId}/ptz/stop`, cookies.op2!);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
});

it('slew-to-cue: a new P1 situation in range turns the nearest PTZ camera to the preset that covers it, audited and noted', async () => {
  const pool = app.db.pool;
  const rule = await req('POST', '/api/admin/rules', cookies.admin!, { name: 'Shots → PTZ', premise: { kind: 'gunshot', conditions: [] }, actions: [{ type: 'slew_to_cue' }] });
  expect(rule.status).toBe(201);
  const ruleId = ((await rule.json()) as { rule: { id: string } }).rule.id;
  const source = await makeSource(pool, agencyA, 'gunshot');
  // Turn the camera away first, so the cue's move is visible in the head's position.
  expect((await req('POST', `/api/cameras/${camId}/ptz/preset`, cookies.op!, { token: '1' })).status).toBe(204);
  const before = sim.calls.length;
  const t0 = Date.now();
  // The correlator loads the rule on a NOTIFY: post shots at the place (they form one situation) until it is cued.
  let cue: { incident_id: string } | undefined;
  for (let i = 0; !cue; i++) {
    if (Date.now() - t0 > 20_000) throw new Error(`no slew-to-cue:\n${app.output().slice(-2000)}`);
    const r = await fetch(`${app.url}/api/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${source.key}` },
      body: JSON.stringify({ events: [makeEvent({ kind: 'gunshot', typeCode: 'Multiple_Gunshots', priority: 1, title: 'Shots fired', ...PLACE })] }),
    });
    expect(r.status).toBe(202);
    await new Promise((r2) => setTimeout(r2, 400));
    cue = (await pool.query<{ incident_id: string }>(`SELECT incident_id FROM ptz_cue WHERE rule_id = $1 AND outcome <> 'pending'`, [ruleId])).rows[0];
  }
  const goto = await sim.waitFor((c) => c.action === 'GotoPreset' && sim.calls.indexOf(c) >= before && c.params.preset === '2');
  expect(goto.user).toBe('ptz-operator');
  expect(sim.position.pan).toBe(0.5);
  const row = (await pool.query(`SELECT camera_id, method, preset_token, round(bearing_deg) AS bearing, outcome FROM ptz_cue WHERE incident_id = $1`, [cue.incident_id])).rows[0];
  expect(row).toMatchObject({ camera_id: camId, method: 'preset', preset_token: '2', bearing: 180, outcome: 'moved' });
  const audited = await pool.query(`SELECT details FROM audit_log WHERE action = 'camera.ptz.cue' AND actor_label = $1 AND target_id = $2`, [`rule:${ruleId}`, camId]);
  expect(audited.rowCount).toBe(1);
  const note = await pool.query<{ body: string; author_name: string }>(`SELECT body, author_name FROM incident_note WHERE incident_id = $1`, [cue.incident_id]);
  expect(note.rows).toHaveLength(1);
  expect(note.rows[0]!.body).toMatch(/PTZ camera “Dome 7” turned to preset “South corner”, bearing 180°, 100 m away/);
  // More shots joining the same situation do not cue it again.
  await new Promise((r) => setTimeout(r, 1500));
  expect((await pool.query(`SELECT 1 FROM ptz_cue WHERE incident_id = $1`, [cue.incident_id])).rowCount).toBe(1);
  expect((await pool.query(`SELECT 1 FROM incident_note WHERE incident_id = $1`, [cue.incident_id])).rowCount).toBe(1);
});
