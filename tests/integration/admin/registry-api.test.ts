import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraAdminDto } from '@/lib/domain/camera-admin';
import type { GeofenceDto } from '@/lib/domain/geofence';
import { makeAgency, uid } from '@/tests/helpers/factories';
import { startTestApp, type TestApp } from '@/tests/helpers/test-app';
import { apiCall, auditActions } from './helpers';

/** Cameras (one at a time and by CSV) and geofence deletion through the real server. */
let app: TestApp;
let admin: ReturnType<typeof apiCall>;
let cookie: string;

beforeAll(async () => {
  app = await startTestApp();
  const agencyId = (await makeAgency(app.db.pool)).id;
  cookie = (await app.signIn('admin', agencyId)).cookie;
  admin = apiCall(app, cookie);
});
afterAll(async () => {
  await app?.stop();
});

const camera = (over: Record<string, unknown> = {}) => ({
  externalId: uid('cam'),
  name: 'Market & 5th',
  lat: 37.784,
  lon: -122.4075,
  heading: 90,
  fovDeg: 70,
  rangeM: 120,
  ptz: true,
  streamUrl: 'https://vms.example.gov/cam/index.m3u8',
  owner: 'partner',
  ...over,
});

describe('admin cameras API', () => {
  it('creates a camera (201), edits it by external id (200), lists it with its status', async () => {
    const body = camera();
    const created = await admin('/api/admin/cameras', { method: 'POST', body });
    expect(created.status).toBe(201);
    const cam = ((await created.json()) as { camera: CameraAdminDto }).camera;
    expect(cam).toMatchObject({ externalId: body.externalId, streamKind: 'hls', owner: 'partner', status: 'unknown', lastSeenAt: null });
    const edited = await admin('/api/admin/cameras', { method: 'POST', body: { ...body, name: 'Market & 5th (NE)', heading: null, ptz: false } });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as { camera: CameraAdminDto }).camera).toMatchObject({ id: cam.id, name: 'Market & 5th (NE)', heading: null, ptz: false });
    await app.db.pool.query(`UPDATE camera SET status = 'online', last_seen_at = now() WHERE id = $1`, [cam.id]);
    const list = (await (await admin('/api/admin/cameras')).json()) as { cameras: CameraAdminDto[] };
    expect(list.cameras.find((c) => c.id === cam.id)?.status).toBe('online');
    expect(await auditActions(app, cam.id)).toEqual(['admin.camera.create', 'admin.camera.update']);
  });

  it('names the bad fields', async () => {
    const res = await admin('/api/admin/cameras', { method: 'POST', body: camera({ lat: 123, streamUrl: 'file:///etc/passwd', owner: 'nobody' }) });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['lat', 'owner', 'streamUrl']);
  });

  it('imports a CSV through the existing endpoint, audited', async () => {
    const id = uid('csv');
    const csv = `external_id,name,lat,lon,heading,fov_deg,range_m,ptz,stream_url,stream_kind,owner\n${id},Civic Center,37.779,-122.418,,,,,https://vms.example.gov/c.jpg,,city\n`;
    const res = await fetch(`${app.url}/api/admin/cameras`, { method: 'PUT', headers: { cookie, 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: 1, updated: 0 });
    const { rows } = await app.db.pool.query(`SELECT details FROM audit_log WHERE action = 'admin.camera.import' ORDER BY id DESC LIMIT 1`);
    expect(rows[0]?.details).toEqual({ created: 1, updated: 0 });
  });
});

describe('admin geofences API', () => {
  it('deletes a geofence once; the second time it is gone', async () => {
    const polygon = { type: 'Polygon', coordinates: [[[-122.42, 37.77], [-122.41, 37.77], [-122.41, 37.78], [-122.42, 37.77]]] };
    const res = await admin('/api/admin/geofences', { method: 'POST', body: { name: uid('school'), kind: 'school', polygon } });
    expect(res.status).toBe(201);
    const { geofence } = (await res.json()) as { geofence: GeofenceDto };
    expect((await admin(`/api/admin/geofences/${geofence.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin(`/api/admin/geofences/${geofence.id}`, { method: 'DELETE' })).status).toBe(404);
    const list = (await (await admin('/api/admin/geofences')).json()) as { geofences: GeofenceDto[] };
    expect(list.geofences.some((g) => g.id === geofence.id)).toBe(false);
    expect(await auditActions(app, geofence.id)).toEqual(['admin.geofence.create', 'admin.geofence.delete']);
  });

  it('an open ring is refused naming the ring', async () => {
    const polygon = { type: 'Polygon', coordinates: [[[-122.42, 37.77], [-122.41, 37.77], [-122.41, 37.78], [-122.40, 37.79]]] };
    const res = await admin('/api/admin/geofences', { method: 'POST', body: { name: 'open', kind: 'school', polygon } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string; message: string }[] };
    expect(body.issues[0]).toEqual({ path: 'polygon.coordinates[0]', message: 'ring must be closed' });
  });
});
