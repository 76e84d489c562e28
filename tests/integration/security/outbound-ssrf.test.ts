import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeUser, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/**
 * Server-side request forgery: cameras and CAP feeds are addresses the server connects to. Loopback, private and
 * link-local addresses are refused unless allow-listed (here `localhost` is, `127.0.0.1` is not), after redirects
 * and DNS too, and the video proxy answers only video content types.
 */
const SECRET = 'internal-service-secret-' + crypto.randomBytes(4).toString('hex');
let internalHits: string[] = [];
/** CAP documents fetched from the internal service (never reset: the first poll runs at start). */
const capHits: string[] = [];
let internal: http.Server;
let camera: http.Server;
let internalPort = 0;
let cameraPort = 0;
let app: TestApp;
let agencyId: string;
let admin: string;
let detective: string;
const capAlert = fs.readFileSync(path.resolve('tests/fixtures/cap/google-cap-library/canada.cap'));

function listen(server: http.Server, host?: string): Promise<number> {
  return new Promise((r) => server.listen(0, host as string, () => r((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  // An internal service on loopback that must never be reached through the console.
  internal = http.createServer((req, res) => {
    internalHits.push(req.url ?? '');
    if (req.url?.endsWith('.xml')) capHits.push(req.url);
    if (req.url?.endsWith('.m3u8')) res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(`#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nsecret.ts\n#EXT-X-ENDLIST\n`);
    else if (req.url?.endsWith('.xml')) res.writeHead(200, { 'content-type': 'application/cap+xml' }).end(capAlert);
    else res.writeHead(200, { 'content-type': 'video/mp2t' }).end(SECRET);
  });
  internalPort = await listen(internal, '127.0.0.1');
  // The camera (and CAP feed), reached by the allow-listed name `localhost`.
  camera = http.createServer((req, res) => {
    const u = req.url ?? '';
    const now = new Date(Date.now() - 2000).toISOString();
    if (u === '/live.m3u8') res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(`#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-PROGRAM-DATE-TIME:${now}\n#EXTINF:1,\nseg0.ts\n#EXTINF:1,\nhttp://127.0.0.1:${internalPort}/secret.ts\n#EXT-X-ENDLIST\n`);
    else if (u === '/master.m3u8') res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(`#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nhttp://127.0.0.1:${internalPort}/media.m3u8\n`);
    else if (u === '/seg0.ts') res.writeHead(200, { 'content-type': 'video/mp2t' }).end('camera-bytes');
    else if (u === '/evil.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(document.cookie)</script>');
    else if (u === '/hop.ts') res.writeHead(302, { location: `http://127.0.0.1:${internalPort}/secret.ts` }).end();
    else if (u === '/feed.xml')
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
        <entry><id>a</id><link href="http://127.0.0.1:${internalPort}/alert.xml" type="application/cap+xml"/></entry></feed>`);
    else res.writeHead(404).end();
  });
  cameraPort = await listen(camera);
  app = await startTestApp({
    OUTBOUND_ALLOW: 'localhost',
    CAP_FEED_URLS: `http://localhost:${cameraPort}/feed.xml`,
    CAP_POLL_SECONDS: '3600',
  });
  const agency = await makeAgency(app.db.pool);
  agencyId = agency.id;
  const a = await makeUser(app.db.pool, agency.id, 'admin');
  const d = await makeUser(app.db.pool, agency.id, 'detective');
  admin = await app.login(a.username, a.password);
  detective = await app.login(d.username, d.password);
});
afterAll(async () => {
  await app?.stop();
  internal?.close();
  camera?.close();
});

async function addCamera(streamUrl: string): Promise<string> {
  const id = crypto.randomUUID();
  await app.db.pool.query(
    `INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url) VALUES ($1, $2, $3, 'Cam', 37.78, -122.41, 'hls', $4)`,
    [id, agencyId, uid('cam'), streamUrl],
  );
  return id;
}

const proxy = (cameraId: string, rest: string) => fetch(`${app.url}/api/cameras/${cameraId}/stream/${rest}`, { headers: { cookie: admin } });

describe('outbound-address policy', () => {
  it('the video proxy refuses a camera on a loopback address', async () => {
    internalHits = [];
    const id = await addCamera(`http://127.0.0.1:${internalPort}/secret.m3u8`);
    const res = await proxy(id, '_live.m3u8');
    const body = await res.text();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(body).not.toContain(SECRET);
    expect(internalHits).toEqual([]);
  });

  it('the proxy answers only video content types, and re-checks a redirect', async () => {
    const id = await addCamera(`http://localhost:${cameraPort}/live.m3u8`);
    const html = await proxy(id, '_/evil.html');
    expect(html.headers.get('content-type') ?? '').not.toMatch(/html/);
    expect(await html.text()).not.toContain('<script>');
    expect(html.status).toBeGreaterThanOrEqual(400);
    const seg = await proxy(id, 'seg0.ts');
    expect(seg.status).toBe(200);
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    internalHits = [];
    const hop = await proxy(id, 'hop.ts');
    expect(await hop.text()).not.toContain(SECRET);
    expect(internalHits).toEqual([]);
  });

  it('the clip recorder does not follow a variant or a segment to a loopback host', async () => {
    const caseId = crypto.randomUUID();
    const { rows } = await app.db.pool.query<{ id: string }>('SELECT id FROM app_user WHERE agency_id = $1 AND role = $2', [agencyId, 'detective']);
    await app.db.pool.query('INSERT INTO evidence_case (id, agency_id, number, title, source_ref, created_by) VALUES ($1,$2,$3,$4,$5,$6)', [caseId, agencyId, uid('C'), 'SSRF', 'test', rows[0]!.id]);
    for (const entry of ['live.m3u8', 'master.m3u8']) {
      internalHits = [];
      const cameraId = await addCamera(`http://localhost:${cameraPort}/${entry}`);
      const res = await fetch(`${app.url}/api/cases/${caseId}/clips`, {
        method: 'POST',
        headers: { cookie: detective, 'content-type': 'application/json' },
        body: JSON.stringify({ cameraId, from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() - 500).toISOString() }),
      });
      const text = await res.text();
      expect(res.status, text).toBeGreaterThanOrEqual(400);
      expect(internalHits, entry).toEqual([]);
    }
    const { rows: items } = await app.db.pool.query('SELECT id FROM evidence_item WHERE case_id = $1', [caseId]);
    expect(items).toEqual([]);
  });

  it('the CAP poller does not follow a feed link to a loopback host', async () => {
    // The first poll runs at start; give it time to fetch the feed and (wrongly) its link.
    const t0 = Date.now();
    while (Date.now() - t0 < 8000 && !/cap\]/.test(app.output())) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    expect(capHits).toEqual([]);
    expect(app.output()).toMatch(/loopback address, refused/);
  });
});
