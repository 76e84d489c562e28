import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSource, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { call, countEvents, demoAgencyId, issuePaths } from './ingest-client';

const fixture = (p: string) => JSON.parse(fs.readFileSync(`tests/fixtures/${p}`, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;

let app: TestApp;
let agencyId: string;
let adminCookie: string;
let operatorCookie: string;

beforeAll(async () => {
  app = await startTestApp();
  agencyId = await demoAgencyId(app.db.pool);
  adminCookie = await app.login('admin', 'admin-password-for-tests');
  operatorCookie = (await app.signIn('operator', agencyId)).cookie;
});
afterAll(async () => app?.stop());

const csv = (path: string, text: string, cookie: string | null) =>
  call(`${app.url}${path}`, { method: 'PUT', body: text, type: 'text/csv', headers: cookie ? { cookie } : {} });

describe('POST /api/ingest/eido', () => {
  it('stores the real NENA sample as a call911 event; a bad field is a 400 naming it and stores nothing', async () => {
    const src = await makeSource(app.db.pool, agencyId, 'psap');
    const sample = fixture('eido/Sample call transfer EIDO.json');
    const bad = { ...sample, callComponent: [{ ...(sample.callComponent as object[])[0], callStartTimestamp: '30/04/2021' }] };
    const refused = await call(`${app.url}/api/ingest/eido`, { key: src.key, body: bad });
    expect(refused.status).toBe(400);
    expect(issuePaths(refused)).toContain('callComponent[0].callStartTimestamp');
    expect(await countEvents(app.db.pool, src.id)).toBe(0);

    const res = await call(`${app.url}/api/ingest/eido`, { key: src.key, body: sample });
    expect(res.status).toBe(202);
    const { rows } = await app.db.pool.query('SELECT * FROM event WHERE source_id = $1', [src.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'call911', type_code: 'emergency', address: '42 W Cellular Street, Wilmington, DE' });
    expect(rows[0].external_id).toMatch(/^urn:emergency:uid:incidentid:a56e556d871:bcf\.state\.pa\.us@/);
    expect(rows[0].occurred_at.toISOString()).toBe('2021-04-30T18:40:00.000Z');
    expect(rows[0].payload.callerNumber).toBe('8195551212');
  });
});

describe('POST /api/ingest/cad with a code map and a jurisdiction', () => {
  it('admin-only uploads; mapped codes; outside events stored, flagged and counted; bad field stores nothing', async () => {
    const src = await makeSource(app.db.pool, agencyId, 'cad');
    const map = 'code,description,category,priority\nMED,Medical aid,medical,2\nSTRUC,"Structure fire, working",fire,1\n';
    expect((await csv(`/api/admin/sources/${src.id}/code-map`, map, null)).status).toBe(401);
    expect((await csv(`/api/admin/sources/${src.id}/code-map`, map, operatorCookie)).status).toBe(403);
    const badMap = await csv(`/api/admin/sources/${src.id}/code-map`, 'code,description,category,priority\nMED,x,medical,9\n', adminCookie);
    expect(badMap.status).toBe(400);
    expect(issuePaths(badMap)).toEqual(['record 2 (priority)']);
    const put = await csv(`/api/admin/sources/${src.id}/code-map`, map, adminCookie);
    expect(put).toMatchObject({ status: 200, body: { codes: 2 } });
    const sf = { type: 'Polygon', coordinates: [[[-122.52, 37.70], [-122.35, 37.70], [-122.35, 37.83], [-122.52, 37.83], [-122.52, 37.70]]] };
    const area = await call(`${app.url}/api/admin/sources/${src.id}/jurisdiction`, { method: 'PUT', body: sf, headers: { cookie: adminCookie } });
    expect(area.status).toBe(200);

    const n = uid('F');
    const inc = (over: Record<string, unknown>) => ({
      incidentNumber: n, status: 'received', statusAt: '2026-11-25T10:00:00Z', typeCode: 'MED',
      location: { lat: 37.7793, lon: -122.4193, address: '1 Dr Carlton B Goodlett Pl' }, ...over,
    });
    const batch = { incidents: [inc({}), inc({ status: 'dispatched', statusAt: '2026-11-25T10:01:00Z', units: [{ callSign: 'M12' }] }),
      inc({ incidentNumber: `${n}-oak`, typeCode: 'STRUC', location: { lat: 37.8044, lon: -122.2712 } })] };
    const refused = await call(`${app.url}/api/ingest/cad`, { key: src.key, body: { incidents: [...batch.incidents, inc({ status: 'closed' })] } });
    expect(refused.status).toBe(400);
    expect(issuePaths(refused)).toContain('incidents[3].status');
    expect(await countEvents(app.db.pool, src.id)).toBe(0);

    const res = await call(`${app.url}/api/ingest/cad`, { key: src.key, body: batch });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 3, outsideJurisdiction: 1 });
    const { rows } = await app.db.pool.query('SELECT external_id, type_code, priority, title, payload FROM event WHERE source_id = $1 ORDER BY seq', [src.id]);
    expect(rows.map((r) => [r.type_code, r.priority, r.payload.outsideJurisdiction])).toEqual([
      ['medical', 2, false], ['medical', 2, false], ['fire', 1, true],
    ]);
    expect(rows[2].title).toBe('Structure fire, working');
    expect(rows[1].payload.units).toEqual([{ callSign: 'M12' }]);
  });

  it('stores a batch once under 50 concurrent retries', async () => {
    const src = await makeSource(app.db.pool, agencyId, 'cad');
    const n = uid('F');
    const batch = { incidents: Array.from({ length: 20 }, (_, i) => ({ incidentNumber: `${n}-${i}`, status: 'received', statusAt: '2026-11-25T10:00:00Z', typeCode: 'X' })) };
    const all = await Promise.all(Array.from({ length: 50 }, () => call(`${app.url}/api/ingest/cad`, { key: src.key, body: batch })));
    expect(all.map((r) => r.status).every((s) => s === 202)).toBe(true);
    expect(all.reduce((a, r) => a + Number(r.body!.accepted), 0)).toBe(20);
    expect(await countEvents(app.db.pool, src.id)).toBe(20);
  });
});

describe('POST /api/ingest/gunshot', () => {
  it('stores the real SF ShotSpotter detections; a bad field stores nothing', async () => {
    const src = await makeSource(app.db.pool, agencyId, 'gunshot');
    const body = fixture('gunshot/sf-shotspotter-detections.json') as { detections: Record<string, unknown>[] };
    const refused = await call(`${app.url}/api/ingest/gunshot`, { key: src.key, body: { detections: [...body.detections, { ...body.detections[0], incidentId: 'z', rounds: -1 }] } });
    expect(refused.status).toBe(400);
    expect(issuePaths(refused)).toEqual(['detections[6].rounds']);
    expect(await countEvents(app.db.pool, src.id)).toBe(0);
    const res = await call(`${app.url}/api/ingest/gunshot`, { key: src.key, body });
    expect(res).toMatchObject({ status: 202, body: { accepted: 6 } });
    const { rows } = await app.db.pool.query(`SELECT * FROM event WHERE source_id = $1 AND external_id = '26868'`, [src.id]);
    expect(rows[0]).toMatchObject({ kind: 'gunshot', type_code: 'Multiple_Gunshots', priority: 1, lat: 37.73668188 });
    expect(rows[0].payload).toMatchObject({ rounds: 6, provider: 'ShotSpotter' });
  });
});

describe('POST /api/ingest/lpr with a hotlist', () => {
  it('a read matching the hotlist raises exactly one alert, in the read’s transaction, even on retries', async () => {
    const src = await makeSource(app.db.pool, agencyId, 'lpr');
    const list = 'plate,state,reason,priority,expiry\nA424761,IN,Stolen vehicle (NCIC),1,2099-12-31\nEXP1RED,,Expired warrant,1,2020-01-01\n';
    expect((await csv('/api/admin/hotlists', list, operatorCookie)).status).toBe(403);
    expect(await csv('/api/admin/hotlists', list, adminCookie)).toMatchObject({ status: 200, body: { entries: 2 } });

    const webhook = fixture('lpr/TestWebhook.json');
    const tries = await Promise.all(Array.from({ length: 5 }, () => call(`${app.url}/api/ingest/lpr`, { key: src.key, body: webhook })));
    expect(tries.every((t) => t.status === 202 && t.body!.hotlistHits === 1)).toBe(true);
    const { rows } = await app.db.pool.query('SELECT kind, type_code, external_id, priority, payload FROM event WHERE source_id = $1 ORDER BY seq', [src.id]);
    expect(rows.map((r) => r.kind)).toEqual(['lpr', 'alert']);
    expect(rows[0].payload).toMatchObject({ plate: 'A424761', state: 'IN', cameraId: '106232737' });
    expect(rows[0].payload).not.toHaveProperty('plate_crop_jpeg');
    expect(rows[1]).toMatchObject({ type_code: 'lpr_hotlist_hit', priority: 1, external_id: `${rows[0].external_id}:hit` });
    expect(rows[1].payload.reason).toBe('Stolen vehicle (NCIC)');

    const generic = { reads: [
      { readId: uid('r'), plate: 'exp-1red', cameraId: 'c9', occurredAt: '2026-11-25T10:00:00Z' },
      { readId: uid('r'), plate: 'A424761', state: 'OH', cameraId: 'c9', occurredAt: '2026-11-25T10:00:00Z' },
    ] };
    const res = await call(`${app.url}/api/ingest/lpr`, { key: src.key, body: generic });
    expect(res.body).toMatchObject({ accepted: 2, hotlistHits: 0 });
    expect(await countEvents(app.db.pool, src.id, 'alert')).toBe(1);

    const refused = await call(`${app.url}/api/ingest/lpr`, { key: src.key, body: { ...webhook, best_uuid: uid('u'), epoch_start: 'yesterday' } });
    expect(refused.status).toBe(400);
    expect(issuePaths(refused)).toEqual(['epoch_start']);
    expect(await countEvents(app.db.pool, src.id)).toBe(4);
  });
});

describe('AVL: OsmAnd and JSON batch', () => {
  it('stores fixes and moves the unit row in the same transaction; a bad fix moves nothing', async () => {
    const src = await makeSource(app.db.pool, agencyId, 'avl');
    const unit = uid('E');
    const get = await call(`${app.url}/api/ingest/avl/osmand?id=${unit}&lat=37.7793&lon=-122.4193&timestamp=1764064800&speed=20&bearing=270&key=${src.key}`, { method: 'GET' });
    expect(get.status).toBe(200);
    const unitRow = async () => (await app.db.pool.query('SELECT status, lat, lon, heading FROM unit WHERE agency_id = $1 AND call_sign = $2', [agencyId, unit])).rows[0];
    expect(await unitRow()).toMatchObject({ status: 'available', lat: 37.7793, lon: -122.4193, heading: 270 });
    const { rows } = await app.db.pool.query('SELECT external_id, kind, payload FROM event WHERE source_id = $1', [src.id]);
    expect(rows[0]).toMatchObject({ external_id: `${unit}@2025-11-25T10:00:00.000Z`, kind: 'avl' });
    expect(rows[0].payload.speedKmh).toBeCloseTo(37.04);

    const json = await call(`${app.url}/api/ingest/avl/osmand`, { key: src.key, body: {
      device_id: unit, location: { timestamp: '2025-11-25T10:00:10Z', coords: { latitude: 37.78, longitude: -122.42, speed: 5, heading: 180 } },
    } });
    expect(json.status).toBe(200);
    const batch = await call(`${app.url}/api/ingest/avl`, { key: src.key, body: { positions: [
      { unitId: unit, lat: 37.781, lon: -122.421, timestamp: '2025-11-25T10:00:20Z', status: 'on scene' },
      { unitId: unit, lat: 37.780, lon: -122.420, timestamp: '2025-11-25T10:00:15Z' },
    ] } });
    expect(batch).toMatchObject({ status: 202, body: { accepted: 2 } });
    expect(await unitRow()).toMatchObject({ status: 'on_scene', lat: 37.781, lon: -122.421 });

    const refused = await call(`${app.url}/api/ingest/avl`, { key: src.key, body: { positions: [
      { unitId: unit, lat: 1, lon: 1, timestamp: '2025-11-25T10:01:00Z', status: 'out_of_service' },
      { unitId: unit, lat: 95, lon: 1, timestamp: '2025-11-25T10:01:01Z' },
    ] } });
    expect(refused.status).toBe(400);
    expect(issuePaths(refused)).toEqual(['positions[1].lat']);
    expect(await unitRow()).toMatchObject({ status: 'on_scene', lat: 37.781 });
    expect(await countEvents(app.db.pool, src.id)).toBe(4);
  });
});

describe('camera registry', () => {
  it('upserts by API and CSV, takes heartbeats, and refuses an unknown camera without touching the others', async () => {
    const src = await makeSource(app.db.pool, agencyId, 'camera');
    const a = uid('cam');
    const cams = { cameras: [
      { externalId: a, name: 'Market & 5th', lat: 37.7839, lon: -122.4074, heading: 90, fovDeg: 70, rangeM: 120, ptz: true,
        streamUrl: 'https://vms.example.org/market5/index.m3u8', owner: 'city' },
    ] };
    expect(await call(`${app.url}/api/ingest/cameras`, { key: src.key, body: cams })).toMatchObject({ status: 200, body: { created: 1, updated: 0 } });
    expect(await call(`${app.url}/api/ingest/cameras`, { key: src.key, body: cams })).toMatchObject({ body: { created: 0, updated: 1 } });
    const cam = async (id: string) => (await app.db.pool.query('SELECT * FROM camera WHERE agency_id = $1 AND external_id = $2', [agencyId, id])).rows[0];
    expect(await cam(a)).toMatchObject({ stream_kind: 'hls', ptz: true, fov_deg: 70, status: 'unknown', last_seen_at: null });

    const refused = await call(`${app.url}/api/ingest/cameras/heartbeat`, { key: src.key, body: { heartbeats: [{ externalId: a }, { externalId: 'nope' }] } });
    expect(refused.status).toBe(400);
    expect(issuePaths(refused)).toEqual(['heartbeats[1].externalId']);
    expect((await cam(a)).last_seen_at).toBeNull();
    expect(await call(`${app.url}/api/ingest/cameras/heartbeat`, { key: src.key, body: { heartbeats: [{ externalId: a, status: 'degraded' }] } })).toMatchObject({ status: 200 });
    expect(await cam(a)).toMatchObject({ status: 'degraded' });
    expect((await cam(a)).last_seen_at).toBeInstanceOf(Date);

    const b = uid('cam');
    const list = `external_id,name,lat,lon,heading,fov_deg,range_m,ptz,stream_url,stream_kind,owner\n${b},Community cam,37.76,-122.43,,,,no,https://c.example.org/${b}.jpg,,private\n`;
    expect((await csv('/api/admin/cameras', list, operatorCookie)).status).toBe(403);
    expect(await csv('/api/admin/cameras', list, adminCookie)).toMatchObject({ status: 200, body: { created: 1 } });
    expect(await cam(b)).toMatchObject({ owner: 'private', stream_kind: 'jpeg', heading: null });
  });
});
