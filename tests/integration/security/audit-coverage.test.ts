import crypto from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeSource, makeUser, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** Security changes and sensitive reads each leave an audit row in the agency's log (not only a custody row). */
let app: TestApp;
let agencyId: string;
let admin: string;
let detective: string;
let detectiveId: string;
let supervisor: string;
let upstream: http.Server;
let upstreamUrl: string;

const rows = async (action: string, targetId?: string) =>
  (
    await app.db.pool.query<{ action: string; agency_id: string; target_id: string; details: Record<string, unknown> }>(
      `SELECT action, agency_id, target_id, details FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR target_id = $2) ORDER BY id`,
      [action, targetId ?? null],
    )
  ).rows;

const call = (cookie: string, method: string, path: string, body?: BodyInit, type?: string) =>
  fetch(`${app.url}${path}`, { method, headers: { cookie, ...(type ? { 'content-type': type } : {}) }, body });

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    if (req.url?.endsWith('.m3u8')) res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end('#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nseg1.ts\n');
    else res.writeHead(200, { 'content-type': 'video/mp2t' }).end('segment-bytes');
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}/cam/index.m3u8`;
  app = await startTestApp({ OUTBOUND_ALLOW: '127.0.0.1' });
  agencyId = (await makeAgency(app.db.pool)).id;
  const a = await makeUser(app.db.pool, agencyId, 'admin');
  const d = await makeUser(app.db.pool, agencyId, 'detective');
  const s = await makeUser(app.db.pool, agencyId, 'supervisor');
  detectiveId = d.id;
  admin = await app.login(a.username, a.password);
  detective = await app.login(d.username, d.password);
  supervisor = await app.login(s.username, s.password);
});
afterAll(async () => {
  await app?.stop();
  upstream?.close();
});

describe('security changes are audited', () => {
  it('HMAC secret set and removed, code map, source jurisdiction, hotlist import', async () => {
    const src = await makeSource(app.db.pool, agencyId);
    expect((await call(admin, 'POST', `/api/admin/sources/${src.id}/hmac-secret`)).status).toBe(201);
    expect((await call(admin, 'DELETE', `/api/admin/sources/${src.id}/hmac-secret`)).status).toBe(204);
    expect(await rows('admin.source.hmac_secret.set', src.id)).toHaveLength(1);
    expect(await rows('admin.source.hmac_secret.remove', src.id)).toHaveLength(1);
    // The secret itself never enters the log.
    expect(JSON.stringify(await rows('admin.source.hmac_secret.set', src.id))).not.toMatch(/secret"\s*:/);

    const codes = await call(admin, 'PUT', `/api/admin/sources/${src.id}/code-map`, 'code,description,category,priority\n10-31,Crime in progress,crime,1\n', 'text/csv');
    expect(codes.status, await codes.text()).toBe(200);
    expect(await rows('admin.source.code_map', src.id)).toHaveLength(1);

    const polygon = { type: 'Polygon', coordinates: [[[-122.5, 37.7], [-122.3, 37.7], [-122.3, 37.8], [-122.5, 37.7]]] };
    expect((await call(admin, 'PUT', `/api/admin/sources/${src.id}/jurisdiction`, JSON.stringify(polygon), 'application/json')).status).toBe(200);
    expect((await call(admin, 'DELETE', `/api/admin/sources/${src.id}/jurisdiction`)).status).toBe(204);
    expect(await rows('admin.source.jurisdiction', src.id)).toHaveLength(2);

    const hot = await call(admin, 'PUT', '/api/admin/hotlists', 'plate,state,reason\nABC123,CA,stolen\n', 'text/csv');
    expect(hot.status).toBe(200);
    const imported = await rows('admin.hotlist.import');
    expect(imported.filter((r) => r.agency_id === agencyId)).toHaveLength(1);
  });

  it('community camera decisions', async () => {
    const cameraId = crypto.randomUUID();
    const communityId = crypto.randomUUID();
    await app.db.pool.query(`INSERT INTO camera (id, agency_id, external_id, name, lat, lon) VALUES ($1, $2, $3, 'Porch', 37.7, -122.4)`, [cameraId, agencyId, uid('cc')]);
    await app.db.pool.query(`INSERT INTO community_camera (id, camera_id, agency_id, contact_name, contact_email, consent) VALUES ($1, $2, $3, 'Pat', 'pat@example.org', 'footage_on_request')`, [communityId, cameraId, agencyId]);
    const res = await call(supervisor, 'POST', `/api/community/cameras/${communityId}/decision`, JSON.stringify({ decision: 'approve' }), 'application/json');
    expect(res.status, await res.text()).toBe(200);
    const r = await rows('admin.community_camera.decide', communityId);
    expect(r).toHaveLength(1);
    expect(r[0]!.details).toMatchObject({ decision: 'approve' });
  });
});

describe('sensitive reads are audited', () => {
  it('case view and evidence download each leave an audit row', async () => {
    const caseId = crypto.randomUUID();
    await app.db.pool.query('INSERT INTO evidence_case (id, agency_id, number, title, source_ref, created_by) VALUES ($1,$2,$3,$4,$5,$6)', [caseId, agencyId, uid('C'), 'Audit', 'test', detectiveId]);
    expect((await call(detective, 'GET', `/api/cases/${caseId}`)).status).toBe(200);
    expect(await rows('case.read', caseId)).toHaveLength(1);

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'x.png');
    const up = await fetch(`${app.url}/api/cases/${caseId}/items`, { method: 'POST', headers: { cookie: detective }, body: form });
    expect(up.status, await up.clone().text()).toBe(201);
    const itemId = ((await up.json()) as { item: { id: string } }).item.id;
    const dl = await call(detective, 'GET', `/api/cases/${caseId}/items/${itemId}/download`);
    expect(dl.status).toBe(200);
    await dl.arrayBuffer();
    expect(await rows('evidence.download', itemId)).toHaveLength(1);
  });

  it('video segments and paths outside the playlist are audited, not only the playlist', async () => {
    const cameraId = crypto.randomUUID();
    await app.db.pool.query(`INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url) VALUES ($1, $2, $3, 'Cam', 37.78, -122.41, 'hls', $4)`, [cameraId, agencyId, uid('cam'), upstreamUrl]);
    // A segment fetched without the playlist first still opens a view row.
    const seg = await call(detective, 'GET', `/api/cameras/${cameraId}/stream/seg1.ts`);
    expect(seg.status).toBe(200);
    await seg.arrayBuffer();
    expect((await rows('video.view', cameraId)).length).toBe(1);
    // Every path outside the stream's directory is audited with the path, each time.
    for (let i = 0; i < 2; i++) {
      const other = await call(detective, 'GET', `/api/cameras/${cameraId}/stream/_/elsewhere/x${i}.ts`);
      await other.arrayBuffer();
    }
    const views = await rows('video.view', cameraId);
    expect(views.filter((v) => String(v.details.path ?? '').startsWith('_/elsewhere/'))).toHaveLength(2);
  });
});
