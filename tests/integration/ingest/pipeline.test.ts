import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '@/lib/ingest/hmac';
import { makeSource } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { call, countEvents, demoAgencyId } from './ingest-client';

/** A small bucket on this server, so the limit is reached in a few requests without flooding a 2-core box. */
const RATE = 2;
const BURST = 5;

let app: TestApp;
let agencyId: string;
let adminCookie: string;

beforeAll(async () => {
  app = await startTestApp({ INGEST_RATE_PER_SEC: String(RATE), INGEST_BURST: String(BURST) });
  agencyId = await demoAgencyId(app.db.pool);
  adminCookie = await app.login('admin', 'admin-password-for-tests');
});
afterAll(async () => app?.stop());

const detection = (id: string) => ({
  detections: [{ incidentId: id, occurredAt: '2026-11-25T10:00:00Z', lat: 37.7366, lon: -122.3908, rounds: 3 }],
});

const ROUTES = ['eido', 'cad', 'gunshot', 'lpr', 'avl', 'avl/osmand', 'cameras', 'cameras/heartbeat', 'events'];

describe('every ingest route', () => {
  it('answers 401 to a missing or wrong API key and stores nothing', async () => {
    for (const r of ROUTES) {
      expect((await call(`${app.url}/api/ingest/${r}`, { body: {} })).status, r).toBe(401);
      expect((await call(`${app.url}/api/ingest/${r}`, { key: 'rtcc_wrong', body: {} })).status, r).toBe(401);
    }
    expect((await call(`${app.url}/api/ingest/avl/osmand?id=E1&lat=1&lon=1&key=rtcc_wrong`, { method: 'GET' })).status).toBe(401);
    const { rows } = await app.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event');
    expect(Number(rows[0]!.n)).toBe(0);
  });
});

describe('body size limit', () => {
  it('refuses a body over INGEST_MAX_BODY_BYTES with 413 and stores nothing', async () => {
    const src = await makeSource(app.db.pool, agencyId, 'lpr');
    const huge = JSON.stringify({ reads: [{ readId: 'big', plate: 'ABC123', cameraId: 'c', occurredAt: '2026-11-25T10:00:00Z', pad: 'x'.repeat(3 * 1024 * 1024) }] });
    expect((await call(`${app.url}/api/ingest/lpr`, { key: src.key, body: huge })).status).toBe(413);
    expect(await countEvents(app.db.pool, src.id)).toBe(0);
  });
});

describe('HMAC signatures', () => {
  it('once a source has a secret, only requests signed over the exact body are stored', async () => {
    const src = await makeSource(app.db.pool, agencyId, 'gunshot');
    const made = await call(`${app.url}/api/admin/sources/${src.id}/hmac-secret`, { headers: { cookie: adminCookie } });
    expect(made.status).toBe(201);
    const secret = String(made.body!.secret);
    const body = JSON.stringify(detection('hmac-1'));

    const unsigned = await call(`${app.url}/api/ingest/gunshot`, { key: src.key, body });
    const wrong = await call(`${app.url}/api/ingest/gunshot`, { key: src.key, body, headers: signedHeaders('not-the-secret', body) });
    const tampered = await call(`${app.url}/api/ingest/gunshot`, {
      key: src.key, body: body.replace('"rounds":3', '"rounds":4'), headers: signedHeaders(secret, body),
    });
    expect([unsigned.status, wrong.status, tampered.status]).toEqual([401, 401, 401]);
    expect(await countEvents(app.db.pool, src.id)).toBe(0);

    const ok = await call(`${app.url}/api/ingest/gunshot`, { key: src.key, body, headers: signedHeaders(secret, body) });
    expect(ok.status).toBe(202);
    expect(await countEvents(app.db.pool, src.id)).toBe(1);
  });
});

describe('per-source rate limit', () => {
  it('answers 429 with Retry-After once the bucket is empty, per source, and lets the source back in after', async () => {
    const src = await makeSource(app.db.pool, agencyId, 'gunshot');
    const other = await makeSource(app.db.pool, agencyId, 'gunshot');
    const results = [];
    for (let i = 0; i < BURST + 3; i++) results.push(await call(`${app.url}/api/ingest/gunshot`, { key: src.key, body: detection(`rl-${i}`) }));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.status === 202).length + limited.length).toBe(results.length);
    // Refused requests stored nothing: exactly the accepted ones are there.
    expect(await countEvents(app.db.pool, src.id)).toBe(results.filter((r) => r.status === 202).length);
    // Another source has its own bucket.
    expect((await call(`${app.url}/api/ingest/gunshot`, { key: other.key, body: detection('other-1') })).status).toBe(202);

    // The bucket refills at RATE/s: poll (a 429 costs no token) until the source is let back in.
    const deadline = Date.now() + 5_000;
    let status = 429;
    while (status === 429 && Date.now() < deadline) {
      status = (await call(`${app.url}/api/ingest/gunshot`, { key: src.key, body: detection('after-wait') })).status;
      if (status === 429) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(202);
  });
});
