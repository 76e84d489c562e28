import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptOsmandJson, adaptOsmandParams, fixToEvent } from '@/lib/ingest/adapters/avl-osmand';
import { adaptCameraBatch, adaptHeartbeats } from '@/lib/ingest/adapters/camera-registry';
import { validateEvents } from '@/lib/ingest/receive-adapted';
import { makeAgency, makeSource } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { describeReport, expectHealthy, generate, int, jsonAccepted, mutateJson, pick, send, UNICODE_JUNK, type FuzzCase, type FuzzReport, type Rand } from './fuzz-lib';

/**
 * The ingest routes the JSON-endpoint fuzz does not cover: Traccar OsmAnd (query string and JSON body) and the
 * camera registry (registrations and heartbeats). ≥ 1,000 generated malformed requests each, every one refused
 * by the route's own adapter locally (the oracle), so each must be a 4xx that changes nothing in the database.
 */
const COUNT = 1000;
const now = '2026-11-25T18:00:00Z';

let app: TestApp;
let avlKey = '';
let cameraKey = '';

beforeAll(async () => {
  app = await startTestApp({ INGEST_RATE_PER_SEC: '1000000', INGEST_BURST: '1000000' });
  const agency = await makeAgency(app.db.pool);
  avlKey = (await makeSource(app.db.pool, agency.id, 'avl')).key;
  cameraKey = (await makeSource(app.db.pool, agency.id, 'camera')).key;
  // One registered camera, so heartbeats for it would be stored if the route let a bad one through.
  const res = await fetch(`${app.url}/api/ingest/cameras`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cameraKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(CAMERA_TEMPLATE),
  });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await app?.stop();
});

/** Everything these routes can write: events, unit positions, cameras and their heartbeat state. */
async function snapshot(): Promise<string> {
  const { rows } = await app.db.pool.query<{ s: string }>(
    `SELECT concat_ws('|', (SELECT count(*) FROM event), (SELECT count(*) FROM unit),
       (SELECT string_agg(concat_ws(',', external_id, name, lat, lon, heading, status, last_seen_at), ';' ORDER BY external_id) FROM camera)) AS s`,
  );
  return rows[0]!.s;
}

const CAMERA_TEMPLATE = {
  cameras: [{ externalId: 'cam-1', name: 'Market & 5th', lat: 37.78, lon: -122.41, heading: 90, fovDeg: 60, rangeM: 120, ptz: false, streamUrl: 'https://example.org/cam1/index.m3u8', owner: 'city' }],
};
const HEARTBEAT_TEMPLATE = { heartbeats: [{ externalId: 'cam-1', status: 'online' }] };
const OSMAND_JSON_TEMPLATE = {
  device_id: 'E12',
  location: { timestamp: now, coords: { latitude: 37.77, longitude: -122.41, speed: 10, heading: 90, accuracy: 5, altitude: 20 }, battery: { level: 0.8 } },
  status: 'available',
};

const OSMAND_PARAMS: Record<string, string> = { id: 'E12', lat: '37.77', lon: '-122.41', timestamp: '1764093600', speed: '10', bearing: '90', accuracy: '5', status: 'available' };
const PARAM_JUNK = ['', ' ', 'abc', 'NaN', 'Infinity', '-Infinity', '1e400', '91', '-181', '999', '-1', '0x1F', '1,5', '2024-13-45', '９', ...UNICODE_JUNK];

/** A malformed OsmAnd query string: a required parameter dropped, emptied or given junk, or an id with bad characters. */
function mutateQuery(r: Rand): FuzzCase & { query: string } {
  const p = new URLSearchParams(OSMAND_PARAMS);
  const kind = pick(r, ['drop', 'junk', 'junk-id', 'huge', 'duplicate', 'location-junk']);
  const name = pick(r, Object.keys(OSMAND_PARAMS));
  if (kind === 'drop') p.delete(pick(r, ['id', 'lat', 'lon']));
  if (kind === 'junk') p.set(name, pick(r, PARAM_JUNK));
  if (kind === 'junk-id') p.set('id', `${pick(r, ['E 1', 'E/1', 'E1;DROP', '<b>', '"', '\\', '%00'])}${pick(r, UNICODE_JUNK)}`);
  if (kind === 'huge') p.set(name, 'x'.repeat(int(r, 51, 5000)));
  if (kind === 'duplicate') p.append(name, pick(r, PARAM_JUNK));
  if (kind === 'location-junk') {
    p.delete('lat');
    p.delete('lon');
    p.set('location', `${pick(r, PARAM_JUNK)},${pick(r, PARAM_JUNK)}`);
  }
  return { kind: `query-${kind}`, contentType: '', body: '', query: p.toString() };
}

function queryAccepted(c: FuzzCase & { query?: string }): boolean {
  try {
    validateEvents([fixToEvent(adaptOsmandParams(new URLSearchParams(c.query)))]);
    return true;
  } catch {
    return false;
  }
}

/** Query-string cases go in the URL (as a tracker sends them), with the key in the header. */
async function sendQueries(cases: (FuzzCase & { query: string })[]): Promise<FuzzReport> {
  const report: FuzzReport = { statuses: new Map(), bad: [] };
  for (let i = 0; i < cases.length; i += 8) {
    await Promise.all(
      cases.slice(i, i + 8).map(async (c) => {
        const res = await fetch(`${app.url}/api/ingest/avl/osmand?${c.query}`, { method: 'POST', headers: { authorization: `Bearer ${avlKey}` } });
        const text = await res.text();
        report.statuses.set(res.status, (report.statuses.get(res.status) ?? 0) + 1);
        if (res.status < 400 || res.status >= 500) report.bad.push({ kind: c.kind, status: res.status, body: text.slice(0, 300), sample: c.query.slice(0, 300) });
      }),
    );
  }
  return report;
}

describe('ingest fuzz: AVL (OsmAnd) and camera registry', () => {
  it(`/api/ingest/avl/osmand query string: ${COUNT} malformed requests → 4xx, nothing stored`, async () => {
    expect(queryAccepted({ kind: 't', contentType: '', body: '', query: new URLSearchParams(OSMAND_PARAMS).toString() })).toBe(true);
    const cases = generate(11, COUNT, mutateQuery, queryAccepted) as (FuzzCase & { query: string })[];
    const before = await snapshot();
    const report = await sendQueries(cases);
    expect(report.bad, describeReport(report)).toEqual([]);
    expect(await snapshot()).toBe(before);
    await expectHealthy(app);
  });

  const jsonRoutes = [
    { path: '/api/ingest/avl/osmand', seed: 12, template: OSMAND_JSON_TEMPLATE, key: () => avlKey, adapt: (b: unknown) => validateEvents([fixToEvent(adaptOsmandJson(b))]) },
    { path: '/api/ingest/cameras', seed: 13, template: CAMERA_TEMPLATE, key: () => cameraKey, adapt: adaptCameraBatch },
    { path: '/api/ingest/cameras/heartbeat', seed: 14, template: HEARTBEAT_TEMPLATE, key: () => cameraKey, adapt: adaptHeartbeats },
  ];
  it.each(jsonRoutes.map((e) => [e.path, e] as const))(`%s JSON: ${COUNT} malformed payloads → 4xx, nothing stored`, async (_p, e) => {
    expect(jsonAccepted({ kind: 'template', contentType: 'application/json', body: JSON.stringify(e.template) }, e.adapt)).toBe(true);
    const cases = generate(e.seed, COUNT, (r) => mutateJson(r, e.template as never), (c) => jsonAccepted(c, e.adapt));
    expect(new Set(cases.map((c) => c.kind)).size).toBeGreaterThanOrEqual(10);
    const before = await snapshot();
    const report = await send(app, e.path, e.key(), cases);
    expect(report.bad, describeReport(report)).toEqual([]);
    expect(await snapshot()).toBe(before);
    await expectHealthy(app);
  });
});
