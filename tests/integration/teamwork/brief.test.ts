import crypto from 'node:crypto';
import http from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BriefClientToServer, BriefServerToClient, BriefView } from '@/lib/domain/brief';
import { makeAgency } from '@/tests/helpers/factories';
import { freePort, startTestApp, type TestApp } from '@/tests/helpers/test-app';
import { seedIncident, until } from './helpers';

/** Responder briefs through the real server: capability link, audited opens, token-scoped video, live updates, death on close. */
let app: TestApp;
let agencyId: string;
let cookie: string;
let cameraServer: http.Server;
let streamBase: string;

const post = (path: string, body: unknown) =>
  fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  // A camera: an HLS origin on this machine with one playlist and one segment.
  const port = await freePort();
  cameraServer = http.createServer((req, res) => {
    if (req.url === '/live/index.m3u8') res.end('#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nseg0.ts\n');
    else if (req.url === '/live/seg0.ts') res.end(Buffer.alloc(188, 0x47));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => cameraServer.listen(port, '127.0.0.1', r));
  streamBase = `http://127.0.0.1:${port}/live/index.m3u8`;
  app = await startTestApp();
  agencyId = (await makeAgency(app.db.pool)).id;
  cookie = (await app.signIn('operator', agencyId)).cookie;
});
afterAll(async () => {
  await app?.stop();
  cameraServer?.close();
});

async function camera(name: string): Promise<string> {
  const id = crypto.randomUUID();
  await app.db.pool.query(
    `INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url) VALUES ($1, $2, $3, $4, 37.7794, -122.4190, 'hls', $5)`,
    [id, agencyId, `cam-${id}`, name, streamBase],
  );
  return id;
}

it('a unit-bound link shows the incident, premise history, hazards and its cameras; opens and views are audited', async () => {
  const address = `${crypto.randomInt(100, 999)} Polk St`;
  const before = await seedIncident(app.db.pool, agencyId, { address, title: 'Domestic disturbance' });
  await app.db.pool.query(`UPDATE incident SET status = 'closed', opened_at = now() - interval '40 days', closed_at = now() - interval '40 days' WHERE id = $1`, [before.id]);
  const inc = await seedIncident(app.db.pool, agencyId, { address });
  const seen = await camera('Polk & Grove');
  const unseen = await camera('Elsewhere');
  await app.db.pool.query(`INSERT INTO incident_camera (incident_id, camera_id, rank, distance_m) VALUES ($1, $2, 1, 35)`, [inc.id, seen]);
  await app.db.pool.query(`INSERT INTO unit (id, agency_id, call_sign, status, lat, lon, updated_at) VALUES (gen_random_uuid(), $1, 'E12', 'en_route', 37.7850, -122.4100, now())`, [agencyId]);
  expect((await post('/api/hazards', { hazard: 'Aggressive dog in the yard', address: address.toUpperCase() + '.' })).status).toBe(201);

  const created = await post(`/api/incidents/${inc.id}/briefs`, { callSign: 'E12', ttlMinutes: 60 });
  expect(created.status).toBe(201);
  const { url, brief } = (await created.json()) as { url: string; brief: { id: string } };
  const token = url.split('/').pop()!;
  const stored = await app.db.pool.query(`SELECT token_hash FROM responder_brief WHERE id = $1`, [brief.id]);
  expect(stored.rows[0].token_hash).not.toContain(token); // only the hash is kept

  const res = await fetch(`${app.url}/api/briefs/${token}/view`); // no cookie: the link is the key
  expect(res.status).toBe(200);
  const view = (await res.json()) as BriefView;
  expect(view.brief.callSign).toBe('E12');
  expect(view.hazards.map((h) => h.hazard)).toEqual(['Aggressive dog in the yard']);
  expect(view.priorCalls.map((c) => c.number)).toEqual([before.number]);
  expect(view.cameras.map((c) => c.id)).toEqual([seen]);
  expect(view.unit?.distanceM).toBeGreaterThan(500);
  expect(view.mapSvg).toMatch(/^<svg /);
  const page = await fetch(`${app.url}${url}`);
  expect(page.status).toBe(200);
  const opens = await app.db.pool.query(`SELECT actor_label, agency_id, details FROM audit_log WHERE action = 'brief.open' AND target_id = $1 ORDER BY id`, [brief.id]);
  expect(opens.rows.map((r) => r.details.what)).toEqual(['page', 'page']);
  expect(opens.rows[0].actor_label).toBe(`unit:E12 (brief ${brief.id})`);
  expect(opens.rows[0].agency_id).toBe(agencyId);

  const playlist = await fetch(`${app.url}/api/briefs/${token}/cameras/${seen}/stream/_live.m3u8`);
  expect(playlist.status).toBe(200);
  expect(await playlist.text()).toContain(`/api/briefs/${token}/cameras/${seen}/stream/seg0.ts`);
  expect((await fetch(`${app.url}/api/briefs/${token}/cameras/${seen}/stream/seg0.ts`)).status).toBe(200);
  expect((await fetch(`${app.url}/api/briefs/${token}/cameras/${unseen}/stream/_live.m3u8`)).status).toBe(404);
  const views = await app.db.pool.query(`SELECT actor_label FROM audit_log WHERE action = 'video.view' AND target_id = $1`, [seen]);
  expect(views.rows.map((r) => r.actor_label)).toEqual([`unit:E12 (brief ${brief.id})`]);
  expect((await fetch(`${app.url}/api/briefs/${'x'.repeat(43)}/view`)).status).toBe(404);
});

it('pushes updates live until the incident closes, then the link dies; a revoked link dies at once', async () => {
  const inc = await seedIncident(app.db.pool, agencyId, { title: 'Vehicle fire' });
  const { url } = (await (await post(`/api/incidents/${inc.id}/briefs`, { callSign: 'M7' })).json()) as { url: string };
  const token = url.split('/').pop()!;
  const socket: Socket<BriefServerToClient, BriefClientToServer> = io(`${app.url}/brief`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const updates: BriefView[] = [];
  let ended: string | null = null;
  socket.on('briefUpdate', (v) => updates.push(v));
  socket.on('briefEnded', ({ reason }) => (ended = reason));
  await until(() => updates.length >= 1, 'first view on connect');
  expect(updates[0]!.incident.title).toBe('Vehicle fire');

  await app.db.pool.query(`UPDATE incident SET title = 'Vehicle fire, spreading to building', updated_at = now() WHERE id = $1`, [inc.id]);
  await until(() => updates.some((u) => u.incident.title.includes('spreading')), 'pushed update', 8000);

  expect((await post(`/api/incidents/${inc.id}/close`, {})).status).toBe(200);
  await until(() => ended !== null, 'brief ended', 8000);
  expect(ended).toContain('closed');
  expect((await fetch(`${app.url}/api/briefs/${token}/view`)).status).toBe(410);
  const again = io(`${app.url}/brief`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  expect(await new Promise((r) => again.on('connect_error', (e) => r(e.message)))).toBe('gone');
  again.close();
  socket.close();

  const other = await seedIncident(app.db.pool, agencyId);
  const second = (await (await post(`/api/incidents/${other.id}/briefs`, { callSign: 'M8' })).json()) as { url: string; brief: { id: string } };
  expect((await post(`/api/briefs/${second.brief.id}/revoke`, {})).status).toBe(200);
  expect((await fetch(`${app.url}/api/briefs/${second.url.split('/').pop()}/view`)).status).toBe(410);
  // No brief for a closed incident.
  expect((await post(`/api/incidents/${inc.id}/briefs`, { callSign: 'M9' })).status).toBe(409);
});
