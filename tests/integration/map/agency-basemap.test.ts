import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapCredits } from '@/lib/maps/map-credits';
import { OSM_ATTRIBUTION } from '@/lib/maps/basemaps';
import { makeAgency, makeSource, makeUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/**
 * An agency's own street map: a real Protomaps archive (the bundled SF extract) uploaded in admin, validated by its
 * header, stored under DATA_DIR per agency, served back with HTTP Range to its own users only; refused files leave
 * nothing behind. And the map credits each agency gets.
 */
let app: TestApp;
let dataDir: string;
let agencyId: string;
let admin: string;
let operator: string;
let otherAdmin: string;
let sf: Buffer;
const LIMIT = 5 * 1024 * 1024;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-basemap-'));
  sf = await fs.readFile('public/basemap/sf.pmtiles');
  app = await startTestApp({ DATA_DIR: dataDir, BASEMAP_MAX_BYTES: String(LIMIT) });
  agencyId = (await makeAgency(app.db.pool)).id;
  const otherId = (await makeAgency(app.db.pool)).id;
  const a = await makeUser(app.db.pool, agencyId, 'admin');
  const o = await makeUser(app.db.pool, agencyId, 'operator');
  const x = await makeUser(app.db.pool, otherId, 'admin');
  [admin, operator, otherAdmin] = await Promise.all([app.login(a.username, a.password), app.login(o.username, o.password), app.login(x.username, x.password)]);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

const put = (cookie: string, body: Uint8Array, q = 'fileName=city.pmtiles') =>
  fetch(`${app.url}/api/admin/agency/basemap?${q}`, { method: 'PUT', headers: { cookie, 'content-type': 'application/vnd.pmtiles' }, body: new Uint8Array(body) });
const files = async () => (await fs.readdir(path.join(dataDir, 'basemaps', agencyId)).catch(() => [] as string[])).sort();
const rows = async () => Number((await app.db.pool.query('SELECT count(*) FROM agency_basemap WHERE agency_id = $1', [agencyId])).rows[0].count);

describe('agency base map upload', () => {
  it('refuses what is not a Protomaps street map, naming the problem, and keeps nothing', async () => {
    const raster = Buffer.from(sf);
    raster[99] = 2; // header byte 99: tile type; 2 = PNG
    const cases: [Uint8Array, string][] = [
      [crypto.randomBytes(4096), 'no "PMTiles" magic'],
      [sf.subarray(0, 100), 'shorter than its 127-byte header'],
      [sf.subarray(0, 200_000), 'ends past the end of the file'],
      [raster, 'raster tiles'],
    ];
    for (const [body, message] of cases) {
      const res = await put(admin, body);
      const json = (await res.json()) as { error: string; issues: { path: string }[] };
      expect(res.status, json.error).toBe(400);
      expect(json.error).toContain(message);
      expect(json.issues[0]!.path).toBe('file');
    }
    const wrongName = await put(admin, sf, 'fileName=city.mbtiles');
    expect(wrongName.status).toBe(400);
    expect(JSON.stringify(await wrongName.json())).toContain('fileName');
    const big = await put(admin, crypto.randomBytes(LIMIT + 1));
    expect(big.status).toBe(413);
    expect(await rows()).toBe(0);
    expect(await files()).toEqual([]);
  });

  it('only administrators upload', async () => {
    expect((await put(operator, sf)).status).toBe(403);
  });

  it('stores a valid archive per agency with its header facts and serves it back with Range', async () => {
    const res = await put(admin, sf, 'fileName=sf-city.pmtiles&attribution=City%20GIS%20%3Cb%3E');
    expect(res.status, await res.clone().text()).toBe(200);
    const { basemap } = (await res.json()) as { basemap: { size: number; sha256: string; minZoom: number; maxZoom: number; bounds: number[]; attribution: string } };
    expect(basemap).toMatchObject({ size: sf.length, sha256: crypto.createHash('sha256').update(sf).digest('hex'), minZoom: 0, maxZoom: 14, bounds: [-122.52, 37.7, -122.35, 37.83], attribution: 'City GIS <b>' });
    const [file] = await files();
    expect(file).toMatch(/^[0-9a-f-]{36}\.pmtiles$/);

    const url = `${app.url}/api/basemap/${file}`;
    const head = await fetch(url, { headers: { cookie: operator, range: 'bytes=0-126' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-126/${sf.length}`);
    expect(Buffer.from(await head.arrayBuffer()).equals(sf.subarray(0, 127))).toBe(true);
    const tail = await fetch(url, { headers: { cookie: operator, range: 'bytes=-1000' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(sf.subarray(sf.length - 1000))).toBe(true);
    const whole = await fetch(url, { headers: { cookie: operator } });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(sf)).toBe(true);
    expect((await fetch(url, { headers: { cookie: operator, range: `bytes=${sf.length}-` } })).status).toBe(416);
    // Another agency's users do not get it; nobody gets it signed out.
    expect((await fetch(url, { headers: { cookie: otherAdmin } })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);

    const audited = await app.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'admin.agency.basemap'`);
    expect(audited.rows[0].n).toBe(1);
  });

  it('a new upload replaces the old file; removing it deletes the file', async () => {
    const before = await files();
    expect((await put(admin, sf)).status).toBe(200);
    const after = await files();
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    const del = await fetch(`${app.url}/api/admin/agency/basemap`, { method: 'DELETE', headers: { cookie: admin } });
    expect(del.status).toBe(204);
    expect(await files()).toEqual([]);
    expect(await rows()).toBe(0);
  });
});

describe('map credits', () => {
  it("come from the agency's and its sources' settings, escaped, each once; nothing of another agency", async () => {
    const src = await makeSource(app.db.pool, agencyId);
    const setAgency = await fetch(`${app.url}/api/admin/agency/attribution`, { method: 'PUT', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ attribution: 'Springfield Open Data' }) });
    expect(setAgency.status).toBe(200);
    const setSource = await fetch(`${app.url}/api/admin/sources/${src.id}/attribution`, { method: 'PUT', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ attribution: 'Gunshots: <ACME> Sensors' }) });
    expect(setSource.status).toBe(200);
    // Another agency's admin cannot touch this agency's source.
    const foreign = await fetch(`${app.url}/api/admin/sources/${src.id}/attribution`, { method: 'PUT', headers: { cookie: otherAdmin, 'content-type': 'application/json' }, body: JSON.stringify({ attribution: 'x' }) });
    expect(foreign.status).toBe(404);
    const tooLong = await fetch(`${app.url}/api/admin/agency/attribution`, { method: 'PUT', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ attribution: 'x'.repeat(301) }) });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(await tooLong.json())).toContain('attribution');

    const credits = await mapCredits(app.db.pool, agencyId, { attribution: OSM_ATTRIBUTION }, null);
    expect(credits).toEqual([OSM_ATTRIBUTION, 'Springfield Open Data', 'Gunshots: &#60;ACME&#62; Sensors']);
    // The SF context (neighbourhoods) credit joins only when those outlines are drawn; duplicates are listed once.
    await app.db.pool.query(`UPDATE agency SET attribution = 'DataSF' WHERE id = $1`, [agencyId]);
    expect(await mapCredits(app.db.pool, agencyId, { attribution: OSM_ATTRIBUTION }, 'DataSF')).toEqual([OSM_ATTRIBUTION, 'DataSF', 'Gunshots: &#60;ACME&#62; Sensors']);
    // A disabled source's credit goes with it.
    await app.db.pool.query('UPDATE source SET enabled = false WHERE id = $1', [src.id]);
    expect(await mapCredits(app.db.pool, agencyId, null, null)).toEqual(['DataSF']);
  });
});
