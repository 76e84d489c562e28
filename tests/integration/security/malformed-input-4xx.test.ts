import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeSource, makeUser, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** Hostile input gets a 4xx, never a 500, and guessing API keys is throttled. */
let app: TestApp;
let key: string;
let admin: string;
let detective: string;
let cameraId: string;

beforeAll(async () => {
  app = await startTestApp({ INGEST_RATE_PER_SEC: '1000000', INGEST_BURST: '1000000' });
  const agency = await makeAgency(app.db.pool);
  key = (await makeSource(app.db.pool, agency.id)).key;
  const a = await makeUser(app.db.pool, agency.id, 'admin');
  const d = await makeUser(app.db.pool, agency.id, 'detective');
  admin = await app.login(a.username, a.password);
  detective = await app.login(d.username, d.password);
  cameraId = crypto.randomUUID();
  await app.db.pool.query(`INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url) VALUES ($1, $2, $3, 'Cam', 37.78, -122.41, 'hls', 'https://cam.example.org/live/index.m3u8')`, [cameraId, agency.id, uid('cam')]);
});
afterAll(async () => app?.stop());

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('hostile input → 4xx', () => {
  it('invalid API keys are rate-limited per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await fetch(`${app.url}/api/ingest/events`, {
        method: 'POST',
        headers: { authorization: `Bearer rtcc_${crypto.randomBytes(16).toString('hex')}`, 'content-type': 'application/json' },
        body: '{"events":[]}',
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses[0]).toBe(401);
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // A real source behind the same address still gets in.
    const ok = await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ events: [{ externalId: uid('ev'), kind: 'cad', typeCode: 'x', occurredAt: new Date().toISOString(), lat: 37.77, lon: -122.41 }] }) });
    expect(ok.status).toBe(202);
  });

  it('JSON nested thousands deep is a 4xx (ingest and session routes)', async () => {
    const ingest = await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: `{"events":${deep(10_000)}}` });
    expect(ingest.status).toBe(400);
    // A well-formed event whose free-form payload nests 10,000 deep (PostgreSQL's jsonb would overflow its stack).
    const payload = await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: `{"events":[{"externalId":"${uid('ev')}","kind":"cad","typeCode":"x","occurredAt":"${new Date().toISOString()}","lat":37.77,"lon":-122.41,"payload":{"a":${deep(10_000)}}}]}` });
    expect(payload.status).toBe(400);
    // Sign-in takes small bodies: too large is its 4xx.
    const login = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"username":${deep(10_000)}}` });
    expect([400, 413]).toContain(login.status);
    // A session route's JSON body within its size limit, nested past the depth limit.
    const camera = await fetch(`${app.url}/api/admin/cameras`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: `{"externalId":"x","name":"y","lat":1,"lon":1,"owner":${deep(5_000)}}` });
    expect(camera.status).toBe(400);
    expect(await camera.text()).toMatch(/nested deeper/);
  });

  it('NUL in an audit filter, a JSON string or an HLS path is a 400', async () => {
    for (const q of ['actor=a%00b', 'action=a%00']) {
      const res = await fetch(`${app.url}/api/audit?${q}`, { headers: { cookie: admin } });
      expect(res.status, q).toBe(400);
    }
    const hls = await fetch(`${app.url}/api/cameras/${cameraId}/stream/a%00b.ts`, { headers: { cookie: admin } });
    expect(hls.status).toBe(400);
    const ingest = await fetch(`${app.url}/api/ingest/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ externalId: 'nul\u0000id', kind: 'cad', typeCode: 'x', occurredAt: new Date().toISOString(), lat: 37.77, lon: -122.41, title: 'a\u0000b' }] }),
    });
    expect(ingest.status).toBe(400);
  });

  it('a crafted search cursor is a 400', async () => {
    const to = new Date().toISOString();
    const from = new Date(Date.now() - 86_400_000).toISOString();
    // A real search answers 200 first: the 400s below are the cursor's.
    const ok = await fetch(`${app.url}/api/search?purpose=offense:robbery&from=${from}&to=${to}`, { headers: { cookie: detective } });
    expect(ok.status, await ok.text()).toBe(200);
    for (const raw of ['1|1', '2026-01-01|1', 'x|1', '2026-13-45T00:00:00Z|1', '99999-01-01T00:00:00Z|1']) {
      const cursor = Buffer.from(raw).toString('base64url');
      const res = await fetch(`${app.url}/api/search?purpose=offense:robbery&from=${from}&to=${to}&cursor=${cursor}`, { headers: { cookie: detective } });
      expect(res.status, raw).toBe(400);
    }
  });
});
