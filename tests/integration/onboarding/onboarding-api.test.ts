import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { readRecentEvents } from '@/lib/realtime/event-rows';
import { startTestApp, UNLIMITED, type TestApp } from '../../helpers/test-app';
import { CHICAGO_SHOTS, client, DETROIT_CAMERAS, fixture } from './helpers';

/**
 * A new city goes live from its raw public exports through the API only: a platform administrator creates the
 * agency, its admin uploads boundaries and maps its exports, and every row is accounted for.
 */
let app: TestApp;
let platform: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;
let agencyId: string;
const keys: Record<string, { id: string; key: string }> = {};

async function ingest(path: string, key: string, body: BodyInit, type = 'application/json') {
  const res = await fetch(app.url + path, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': type }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { outcomes?: { row: number; status: string; field?: string; reason?: string }[] } };
}

beforeAll(async () => {
  app = await startTestApp(UNLIMITED);
  platform = client(app.url, await app.login('admin', 'admin-password-for-tests'));
  const created = await platform('/api/platform/agencies', {
    method: 'POST',
    body: { name: 'Chicago PD (test)', slug: 'chicago-test', timeZone: 'America/Chicago', home: { lat: 41.84, lon: -87.68, zoom: 11 }, admin: { username: 'cpd-admin', displayName: 'CPD Admin' } },
  });
  expect(created.status, created.text).toBe(201);
  agencyId = (created.body.agency as { id: string }).id;
  const password = (created.body.admin as { temporaryPassword: string }).temporaryPassword;
  admin = client(app.url, await app.login('cpd-admin', password));
  for (const [name, kind] of [['ShotSpotter', 'gunshot'], ['Fire 911', 'call911'], ['Green Light', 'camera']] as const) {
    const s = await admin('/api/admin/sources', { method: 'POST', body: { name, kind } });
    expect(s.status, s.text).toBe(201);
    keys[kind] = { id: (s.body.source as { id: string }).id, key: s.body.apiKey as unknown as string };
  }
});

afterAll(async () => {
  await app?.stop();
});

describe('agencies', () => {
  it('only a platform administrator creates agencies; the agency admin edits their own and uploads its geography', async () => {
    expect((await admin('/api/platform/agencies', { method: 'POST', body: { name: 'X', slug: 'x-pd', timeZone: 'UTC' } })).status).toBe(403);
    expect((await platform('/api/platform/agencies', { method: 'POST', body: { name: 'Dup', slug: 'chicago-test', timeZone: 'UTC' } })).status).toBe(409);
    expect((await platform('/api/platform/agencies', { method: 'POST', body: { name: 'Bad zone', slug: 'bad-zone', timeZone: 'Mars/Olympus' } })).status).toBe(400);
    const kml = await admin('/api/admin/agency/jurisdiction?fileName=city.kml', { method: 'PUT', raw: fixture('chicago-city-boundary.kml'), type: 'application/vnd.google-earth.kml+xml' });
    expect(kml.body).toEqual({ polygons: 1 });
    const districts = await admin('/api/admin/agency/districts?kind=district&codeProperty=dist_num', { method: 'PUT', raw: fixture('chicago-police-districts.geojson'), type: 'application/geo+json' });
    expect(districts.body).toEqual({ kind: 'district', count: 3 });
    const beats = await admin('/api/admin/agency/districts?kind=beat&fileName=beats.zip', { method: 'PUT', raw: fixture('chicago-beats.zip'), type: 'application/zip' });
    expect(beats.body).toEqual({ kind: 'beat', count: 2 });
    const own = await admin('/api/admin/agency');
    expect(own.body.agency).toMatchObject({ slug: 'chicago-test', timeZone: 'America/Chicago', hasJurisdiction: true, districts: 5 });
    const renamed = await platform(`/api/platform/agencies/${agencyId}`, { method: 'PATCH', body: { name: 'Chicago Police Department (test)' } });
    expect(renamed.body.agency).toMatchObject({ name: 'Chicago Police Department (test)' });
  });
});

describe('imports through a saved mapping', () => {
  it('previews, then imports row by row: accepted, duplicate or refused with field and reason; DST folds reported', async () => {
    const sample = fixture('chicago-shotspotter-alerts.csv').toString();
    const preview = await admin(`/api/admin/sources/${keys.gunshot!.id}/mapping/preview`, { method: 'POST', body: { spec: CHICAGO_SHOTS, sample } });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({ sampled: 9, refused: 2, timeZone: 'America/Chicago' });
    expect((await ingest('/api/ingest/import', keys.gunshot!.key, sample, 'text/csv')).status).toBe(409); // no mapping saved yet
    expect((await admin(`/api/admin/sources/${keys.gunshot!.id}/mapping`, { method: 'PUT', body: CHICAGO_SHOTS })).status).toBe(200);

    const first = await ingest('/api/ingest/import', keys.gunshot!.key, sample, 'text/csv');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rows: 9, accepted: 7, duplicates: 0, refused: 2, warnings: 2, unmappedCodes: { 'GUNSHOT OR FIRECRACKER': 1, 'CELEBRATORY GUNFIRE': 1 } });
    const refused = first.body.outcomes!.filter((o) => o.status === 'refused').map((o) => [o.row, o.field]);
    expect(refused).toEqual([[5, 'lat'], [8, 'occurredAt']]);
    const again = await ingest('/api/ingest/import', keys.gunshot!.key, sample, 'text/csv');
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 7, refused: 2 });

    const { rows } = await app.db.pool.query<{ external_id: string; priority: number | null; type_code: string; flag: string | null }>(
      `SELECT external_id, priority, type_code, payload->>'locationFlag' AS flag FROM event WHERE source_id = $1 ORDER BY external_id`,
      [keys.gunshot!.id],
    );
    expect(rows.map((r) => [r.external_id, r.type_code, r.priority, r.flag])).toEqual([
      ['24001', 'Multiple_Gunshots', 1, null],
      ['24002', 'Single_Gunshot', 2, null],
      ['24003', 'GUNSHOT OR FIRECRACKER', null, null],
      ['24005', 'Multiple_Gunshots', 1, null],
      ['24006', 'Multiple_Gunshots', 1, 'near_null_island'],
      ['24008', 'CELEBRATORY GUNFIRE', null, null],
      ['24009', 'Single_Gunshot', 2, 'outside_agency_extent'],
    ]);
    // Flagged places never reach live views.
    const live = await readRecentEvents(app.db.pool, [agencyId], 100, 1n << 62n);
    expect(live.map((e) => e.dto.externalId).sort()).toEqual(['24001', '24002', '24003', '24005', '24008']);
  });

  it('an upload in admin is a job: progress, counts, and a reject file with the header, row, field and reason', async () => {
    const src = keys.call911!.id;
    await admin(`/api/admin/sources/${src}/mapping`, { method: 'PUT', body: { ...CHICAGO_SHOTS, kind: 'call911' } });
    const started = await admin(`/api/admin/sources/${src}/imports?fileName=shots.csv`, { method: 'POST', raw: fixture('chicago-shotspotter-alerts.csv'), type: 'text/csv' });
    expect(started.status, started.text).toBe(202);
    const id = (started.body.job as { id: string }).id;
    let job: Record<string, unknown> = {};
    for (let i = 0; i < 100 && job.status !== 'done'; i++) {
      job = (await admin(`/api/admin/imports/${id}`)).body.job as Record<string, unknown>;
      if (job.status !== 'done') await new Promise((r) => setTimeout(r, 100));
    }
    // A 911 call may have no place: only the bad date is refused for this kind.
    expect(job).toMatchObject({ status: 'done', total: 9, processed: 9, accepted: 8, refused: 1, warnings: 2 });
    const rejects = await admin(`/api/admin/imports/${id}/rejects`);
    const lines = rejects.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe(`${fixture('chicago-shotspotter-alerts.csv').toString().split('\n')[0]},rtcc_row,rtcc_field,rtcc_reason`);
    expect(lines[1]).toMatch(/^24007,13\/03\/2024 01:00:00 AM,.*,8,occurredAt,/);
    expect(lines).toHaveLength(2);
  });

  it('camera lists through the same mapping: location-only cameras with owner kinds, refused rows named', async () => {
    await admin(`/api/admin/sources/${keys.camera!.id}/mapping`, { method: 'PUT', body: DETROIT_CAMERAS });
    const listen = new pg.Client({ connectionString: app.db.url });
    await listen.connect();
    const heard: string[] = [];
    listen.on('notification', (m) => heard.push(m.payload ?? ''));
    await listen.query('LISTEN rtcc_correlator_reference');
    const out = await ingest('/api/ingest/import', keys.camera!.key, fixture('detroit-green-light-cameras.csv'), 'text/csv');
    expect(out.body).toMatchObject({ rows: 5, accepted: 3, refused: 2 });
    expect(out.body.outcomes!.map((o) => [o.row, o.field])).toEqual([[5, 'owner'], [6, 'lat']]);
    const cams = (await admin('/api/cameras')).body.cameras as { name: string; streamKind: string }[];
    expect(cams.find((c) => c.name === 'Cody High School')?.streamKind).toBe('none');
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toContain('cameras'); // the correlator reloads its camera index at once
    await listen.end();
  });
});

describe('one set of place rules at every door', () => {
  const shot = (over: Record<string, unknown>) => ({ externalId: `g-${Math.random()}`, kind: 'gunshot', typeCode: 'Multiple_Gunshots', occurredAt: new Date().toISOString(), ...over });
  it('a gunshot without a place is refused by every endpoint; one at (0.001, -0.002) is stored flagged everywhere', async () => {
    const key = keys.gunshot!.key;
    const noPlaceEvents = await ingest('/api/ingest/events', key, JSON.stringify({ events: [shot({})] }));
    expect(noPlaceEvents.status).toBe(400);
    expect(JSON.stringify(noPlaceEvents.body)).toContain('events[0].lat');
    expect((await ingest('/api/ingest/gunshot', key, JSON.stringify({ detections: [{ incidentId: 'n1', occurredAt: new Date().toISOString() }] }))).status).toBe(400);
    expect((await ingest('/api/ingest/import?format=events', key, JSON.stringify(shot({})), 'application/x-ndjson')).body).toMatchObject({ accepted: 0, refused: 1 });

    const a = await ingest('/api/ingest/events', key, JSON.stringify({ events: [shot({ externalId: 'null-island-1', lat: 0.001, lon: -0.002 })] }));
    expect(a.status).toBe(202);
    expect(a.body.locationFlagged).toBe(1);
    const b = await ingest('/api/ingest/gunshot', key, JSON.stringify({ detections: [{ incidentId: 'null-island-2', occurredAt: new Date().toISOString(), lat: 0.001, lon: -0.002, type: 'Multiple Gunshots' }] }));
    expect(b.status).toBe(202);
    const { rows } = await app.db.pool.query<{ external_id: string; flag: string; priority: number }>(
      `SELECT external_id, payload->>'locationFlag' AS flag, priority FROM event WHERE external_id LIKE 'null-island-%' ORDER BY external_id`,
    );
    expect(rows).toEqual([{ external_id: 'null-island-1', flag: 'near_null_island', priority: null }, { external_id: 'null-island-2', flag: 'near_null_island', priority: 1 }]);
  });
});
