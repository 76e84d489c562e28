import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeSource, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** Only camera sources register cameras, only their own, and every change is audited. */
let app: TestApp;
let agencyId: string;

const register = async (key: string, externalId: string, streamUrl: string) => {
  const res = await fetch(`${app.url}/api/ingest/cameras`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ cameras: [{ externalId, name: 'Cam', lat: 37.78, lon: -122.41, streamUrl }] }),
  });
  return { status: res.status, body: await res.json() };
};
const streamOf = async (externalId: string) =>
  (await app.db.pool.query<{ stream_url: string }>('SELECT stream_url FROM camera WHERE agency_id = $1 AND external_id = $2', [agencyId, externalId])).rows[0]?.stream_url;

beforeAll(async () => {
  app = await startTestApp();
  agencyId = (await makeAgency(app.db.pool)).id;
});
afterAll(async () => app?.stop());

describe('camera registration by sources', () => {
  it('a non-camera source (CAD) cannot register or overwrite cameras', async () => {
    const cad = await makeSource(app.db.pool, agencyId, 'cad');
    const ext = uid('cam');
    expect((await register(cad.key, ext, 'https://evil.example.org/x.m3u8')).status).toBe(403);
    expect(await streamOf(ext)).toBeUndefined();
  });

  it('a camera source registers its cameras (audited) but cannot take over another source’s or an admin’s camera', async () => {
    const mine = await makeSource(app.db.pool, agencyId, 'camera');
    const other = await makeSource(app.db.pool, agencyId, 'camera');
    const ext = uid('cam');
    expect((await register(mine.key, ext, 'https://vms.example.org/a.m3u8')).status).toBe(200);
    expect((await register(mine.key, ext, 'https://vms.example.org/b.m3u8')).status).toBe(200);
    expect(await streamOf(ext)).toBe('https://vms.example.org/b.m3u8');
    const { rows } = await app.db.pool.query<{ action: string; agency_id: string }>(
      `SELECT action, agency_id FROM audit_log WHERE target_type = 'camera' AND details->>'sourceId' = $1 ORDER BY id`,
      [mine.id],
    );
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.action.startsWith('source.camera') && r.agency_id === agencyId)).toBe(true);

    const hijack = await register(other.key, ext, 'https://evil.example.org/x.m3u8');
    expect(hijack.status).toBe(403);
    expect(await streamOf(ext)).toBe('https://vms.example.org/b.m3u8');

    const adminCam = uid('cam');
    await app.db.pool.query(
      `INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url) VALUES ($1, $2, $3, 'Admin cam', 37.7, -122.4, 'hls', 'https://city.example.org/c.m3u8')`,
      [crypto.randomUUID(), agencyId, adminCam],
    );
    expect((await register(mine.key, adminCam, 'https://evil.example.org/x.m3u8')).status).toBe(403);
    expect(await streamOf(adminCam)).toBe('https://city.example.org/c.m3u8');
  });
});
