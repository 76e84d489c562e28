import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipStream } from '@/lib/evidence/share/zip-writer';
import { makeAgency, makeSource, makeUser, uid } from '../../helpers/factories';
import { startTestApp, UNLIMITED, type TestApp } from '../../helpers/test-app';

/** Named GIS layers: GeoJSON, KML and zipped shapefiles in; a bad file is a 400 that names the problem and stores nothing. */
let app: TestApp;
let agencyId: string;
let admin: string;
let operator: string;
let other: string;

const SCHOOLS_KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Schools</name>
<Placemark><name>Mission High School</name><Point><coordinates>-122.4277,37.7617,0</coordinates></Point></Placemark>
<Placemark><name>Galileo Academy</name><Point><coordinates>-122.4234,37.8037,0</coordinates></Point></Placemark>
<Placemark><name>Safe route</name><LineString><coordinates>-122.43,37.76,0 -122.42,37.77,0</coordinates></LineString></Placemark>
</Document></kml>`;

async function zip(files: [string, Buffer][]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of zipStream(files.map(([name, data]) => ({ name, data: () => [data] })))) parts.push(b);
  return Buffer.concat(parts);
}

async function upload(cookie: string, name: string, body: BodyInit, type: string, fileName = 'upload') {
  const res = await fetch(`${app.url}/api/admin/gis/layers?name=${encodeURIComponent(name)}&fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST', headers: { cookie, 'content-type': type }, body,
  });
  return { status: res.status, body: (await res.json()) as { layer?: { id: string; featureCount: number; geometryTypes: string[]; sourceFormat: string }; error?: string; issues?: { path: string; message: string }[] } };
}

const get = async (cookie: string, path: string) => {
  const res = await fetch(app.url + path, { headers: { cookie } });
  return { status: res.status, type: res.headers.get('content-type'), body: res.status === 200 ? await res.json() : null };
};

const stored = async () => Number((await app.db.pool.query('SELECT count(*) FROM gis_layer WHERE agency_id = $1', [agencyId])).rows[0].count);

beforeAll(async () => {
  app = await startTestApp({ ...UNLIMITED });
  const pool = app.db.pool;
  const [a, b] = [await makeAgency(pool), await makeAgency(pool)];
  agencyId = a.id;
  const [ua, uo, ub] = [await makeUser(pool, a.id, 'admin'), await makeUser(pool, a.id, 'operator'), await makeUser(pool, b.id, 'operator')];
  [admin, operator, other] = [await app.login(ua.username, ua.password), await app.login(uo.username, uo.password), await app.login(ub.username, ub.password)];
  await makeSource(pool, a.id, 'cap');
});
afterAll(async () => {
  await app?.stop();
});

describe('GIS layer import', () => {
  it('stores a KML, a GeoJSON and a zipped shapefile as named layers that the agency’s consoles read, nobody else', async () => {
    const kml = await upload(admin, 'Schools', SCHOOLS_KML, 'application/vnd.google-earth.kml+xml', 'schools.kml');
    expect(kml.status, JSON.stringify(kml.body)).toBe(201);
    expect(kml.body.layer).toMatchObject({ sourceFormat: 'kml', featureCount: 3, geometryTypes: ['LineString', 'Point'] });

    const geojson = await upload(admin, 'Police districts', fs.readFileSync('tests/fixtures/onboarding/chicago-police-districts.geojson'), 'application/geo+json');
    expect(geojson.status, JSON.stringify(geojson.body)).toBe(201);
    const shp = await upload(admin, 'Beats', fs.readFileSync('tests/fixtures/onboarding/chicago-beats.zip'), 'application/zip', 'beats.zip');
    expect(shp.status, JSON.stringify(shp.body)).toBe(201);
    expect(shp.body.layer).toMatchObject({ sourceFormat: 'shapefile', featureCount: 2, geometryTypes: ['Polygon'] });

    // Operators see the list and the features; another agency sees neither.
    const list = await get(operator, '/api/gis/layers');
    expect((list.body as { layers: { name: string }[] }).layers.map((l) => l.name)).toEqual(['Beats', 'Police districts', 'Schools']);
    const features = await get(operator, `/api/gis/layers/${kml.body.layer!.id}`);
    expect(features.type).toContain('application/geo+json');
    expect((features.body as { features: { properties: { name: string } }[] }).features[0]!.properties.name).toBe('Mission High School');
    expect((await get(other, '/api/gis/layers')).body).toEqual({ layers: [] });
    expect((await get(other, `/api/gis/layers/${kml.body.layer!.id}`)).status).toBe(404);

    // Names are unique per agency; operators may not import; a deleted layer is gone.
    expect((await upload(admin, 'Schools', SCHOOLS_KML, 'application/xml')).status).toBe(409);
    expect((await upload(operator, uid('x'), SCHOOLS_KML, 'application/xml')).status).toBe(403);
    const del = await fetch(`${app.url}/api/admin/gis/layers/${geojson.body.layer!.id}`, { method: 'DELETE', headers: { cookie: admin } });
    expect(del.status).toBe(204);
    expect(await stored()).toBe(2);
  });

  it('refuses malformed KML, GeoJSON and shapefiles with a 400 naming the problem, and stores nothing', async () => {
    const before = await stored();
    const noShapefile = await zip([['readme.txt', Buffer.from('no layers here')]]);
    const beats = fs.readFileSync('tests/fixtures/onboarding/chicago-beats.zip');
    const cases: [string, string | Uint8Array<ArrayBuffer>, string, RegExp][] = [
      ['kml not well-formed', '<kml><Document><Placemark><name>x</Placemark></kml>', 'application/xml', /KML is not well-formed/],
      ['kml with entities', '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x "y">]><kml>&x;</kml>', 'application/xml', /DOCTYPE|entit/i],
      ['kml without geometry', '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>x</name></Placemark></Document></kml>', 'application/xml', /no feature with a geometry/],
      ['geojson not json', '{"type": "FeatureCollection", "features": [', 'application/geo+json', /Not valid JSON/],
      ['geojson wrong type', '{"type": "Topology", "objects": {}}', 'application/geo+json', /FeatureCollection, a Feature or a geometry/],
      ['geojson out of range', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [552000, 4182000] } }] }), 'application/geo+json', /features\[0\]\.geometry\.coordinates: \[552000, 4182000\] is not a longitude\/latitude/],
      ['geojson bad geometry', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Circle', coordinates: [1, 2] } }] }), 'application/geo+json', /unsupported geometry type "Circle"/],
      ['zip cut short', new Uint8Array(beats.subarray(0, beats.length >> 1)), 'application/zip', /zip is damaged or incomplete/],
      ['zip without a shapefile', new Uint8Array(noShapefile), 'application/zip', /no \.shp file/],
      ['not a GIS file', 'hello', 'text/plain', /Not a GeoJSON, KML or zipped shapefile/],
    ];
    for (const [label, body, type, message] of cases) {
      const res = await upload(admin, `Bad ${label}`, body, type === 'text/plain' ? 'application/octet-stream' : type);
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error, label).toMatch(message);
      expect(res.body.issues?.[0]?.path, label).toMatch(/^(file|features)/);
    }
    expect(await stored()).toBe(before);
    const audit = await app.db.pool.query(`SELECT count(*) FROM audit_log WHERE action = 'admin.gis_layer.create' AND details->>'name' LIKE 'Bad %'`);
    expect(Number(audit.rows[0].count)).toBe(0);
  });

  it('serves the areas of recent CAP alerts and the geofences to the console', async () => {
    const cap = (await app.db.pool.query(`SELECT id FROM source WHERE agency_id = $1 AND kind = 'cap'`, [agencyId])).rows[0];
    expect(cap).toBeTruthy();
    const polygon = { type: 'Polygon', coordinates: [[[-122.45, 37.75], [-122.44, 37.75], [-122.44, 37.76], [-122.45, 37.75]]] };
    await app.db.pool.query(
      `INSERT INTO event (source_id, external_id, kind, type_code, occurred_at, lat, lon, title, payload) VALUES ($1, $2, 'alert', 'Flood Warning', now(), 37.755, -122.445, 'Flood warning', $3)`,
      [cap.id, uid('cap'), JSON.stringify({ geometry: polygon })],
    );
    const areas = await get(operator, '/api/gis/alert-areas');
    expect(areas.body).toMatchObject({ areas: [{ title: 'Flood warning', geometry: polygon }] });
    expect((await get(other, '/api/gis/alert-areas')).body).toEqual({ areas: [] });
    expect((await get(operator, '/api/geofences')).status).toBe(200);
  });
});
