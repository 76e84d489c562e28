import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource, uid } from '@/tests/helpers/factories';
import { startTestApp, type TestApp } from '@/tests/helpers/test-app';
import { until } from './helpers';

/**
 * Cameras changed at run time reach the correlator at once, through the real server: a camera registered through
 * a camera source's API after start is attached to incidents already open in its view and to the next one; a heartbeat
 * that takes it offline detaches it.
 */
let app: TestApp;
let cad: { id: string; key: string };
let cams: { id: string; key: string };

beforeAll(async () => {
  app = await startTestApp();
  const agencyId = (await makeAgency(app.db.pool)).id;
  cad = await makeSource(app.db.pool, agencyId, 'cad');
  cams = await makeSource(app.db.pool, agencyId, 'camera');
});
afterAll(async () => {
  await app?.stop();
});

const AT = { lat: 37.7793, lon: -122.4193 };

async function openIncident(offsetM: number): Promise<string> {
  const number = uid('F');
  const res = await fetch(`${app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cad.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events: [makeEvent({ lat: AT.lat + offsetM / 111_000, lon: AT.lon, payload: { incidentNumber: number } })] }),
  });
  expect(res.status).toBeLessThan(300);
  let id: string | undefined;
  await until(async () => {
    const { rows } = await app.db.pool.query<{ id: string }>('SELECT id FROM incident WHERE number = $1', [number]);
    id = rows[0]?.id;
    return id !== undefined;
  }, `incident ${number}`);
  return id!;
}

const camerasOf = async (incidentId: string) =>
  (await app.db.pool.query<{ camera_id: string }>('SELECT camera_id FROM incident_camera WHERE incident_id = $1 ORDER BY rank', [incidentId])).rows.map((r) => r.camera_id);

describe('cameras changed at run time', () => {
  it('a camera registered through the API is attached to the open incident in its view and to the next one', async () => {
    const before = await openIncident(0);
    expect(await camerasOf(before)).toEqual([]);

    const externalId = uid('cam');
    // Registered by the camera source that reports its heartbeats (only a camera's own source may).
    const res = await fetch(`${app.url}/api/ingest/cameras`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cams.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cameras: [{ externalId, name: 'Civic Center plaza', lat: AT.lat, lon: AT.lon, heading: null, fovDeg: 360, rangeM: 200, streamUrl: 'https://vms.example.gov/cc/index.m3u8' }] }),
    });
    expect(res.status).toBeLessThan(300);
    const camId = (await app.db.pool.query<{ id: string }>('SELECT id FROM camera WHERE external_id = $1', [externalId])).rows[0]!.id;

    await until(async () => (await camerasOf(before)).includes(camId), 'the camera on the incident already open', 10_000);
    const next = await openIncident(40);
    await until(async () => (await camerasOf(next)).includes(camId), 'the camera on the next incident', 10_000);

    // Offline (a heartbeat says so): it sees nothing any more, and open incidents drop it.
    const beat = await fetch(`${app.url}/api/ingest/cameras/heartbeat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cams.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ heartbeats: [{ externalId, status: 'offline' }] }),
    });
    expect(beat.status).toBeLessThan(300);
    await until(async () => !(await camerasOf(before)).includes(camId) && !(await camerasOf(next)).includes(camId), 'the offline camera detached', 10_000);
  });
});
