import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_SOURCES } from '@/lib/demo/demo-feeds';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/**
 * `npm start`'s demo city on a real server and PostgreSQL: every kind of source moves, each through the door its
 * kind uses in production (HTTP ingest routes with the source's key; sensors over MQTT), and the demo cameras
 * play generated video that the wall shows. Sensors go to the app's own embedded broker here, as on a fresh
 * machine (a shared broker would hand them to every other test server's ingester).
 */
let app: TestApp;
const KINDS = ['cad', 'gunshot', 'call911', 'avl', 'lpr', 'sensor', 'alert'] as const;

beforeAll(async () => {
  delete process.env.MQTT_URL;
  app = await startTestApp({ DEMO: '1', DEMO_SPEED: '600', MQTT_PORT: '0' });
});

afterAll(async () => {
  await app?.stop();
});

async function until<T>(what: string, fn: () => Promise<T | null | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${app.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

it('feeds every kind through the ingest doors, from sources named for what they are', async () => {
  const counts = await until(
    'an event of every kind',
    async () => {
      const { rows } = await app.db.pool.query<{ kind: string; source: string; n: number }>(
        `SELECT e.kind, s.name AS source, count(*)::int AS n FROM event e JOIN source s ON s.id = e.source_id GROUP BY 1, 2`,
      );
      return KINDS.every((k) => rows.some((r) => r.kind === k)) ? rows : null;
    },
    90_000,
  );
  const from = (kind: string) => counts.filter((r) => r.kind === kind).map((r) => r.source);
  expect(from('cad')).toEqual([DEMO_SOURCES.cad.name]);
  expect(from('gunshot')).toEqual([DEMO_SOURCES.gunshot.name]);
  expect(from('call911')).toEqual([DEMO_SOURCES.call911.name]);
  expect(from('avl')).toEqual([DEMO_SOURCES.avl.name]);
  expect(from('lpr')).toEqual([DEMO_SOURCES.lpr.name]);
  expect(from('sensor')).toEqual([DEMO_SOURCES.sensor.name]);
  expect(from('alert')).toEqual([DEMO_SOURCES.lpr.name]); // hotlist hits, raised by the LPR door
  for (const s of Object.values(DEMO_SOURCES)) expect(s.name).toMatch(/replay|derived|synthetic/);

  // The HTTP doors answered the demo's requests (the server logs each), with no refusal.
  for (const route of ['/api/ingest/events', '/api/ingest/gunshot', '/api/ingest/eido', '/api/ingest/avl', '/api/ingest/lpr']) {
    expect(app.output()).toContain(`"route":"${route}","status":202`);
  }
  expect(app.output()).not.toMatch(/batch refused|not published/);
  // Sensors came through the MQTT ingester (its adapter's payload), the 911 calls through the EIDO adapter.
  const { rows: sensor } = await app.db.pool.query(`SELECT payload FROM event WHERE kind = 'sensor' LIMIT 1`);
  expect(sensor[0].payload).toMatchObject({ messageId: expect.any(String), sensorId: expect.any(String) });
  const { rows: call } = await app.db.pool.query(`SELECT payload FROM event WHERE kind = 'call911' LIMIT 1`);
  expect(call[0].payload).toMatchObject({ incidentTrackingId: expect.stringMatching(/^urn:emergency:uid:incidentid:/), callerNumber: expect.any(String) });
});

it('moves units: their positions change while the replay runs', async () => {
  const snapshot = async () =>
    new Map((await app.db.pool.query<{ call_sign: string; p: string }>(`SELECT call_sign, lat || ',' || lon AS p FROM unit`)).rows.map((r) => [r.call_sign, r.p]));
  const before = await snapshot();
  expect(before.size).toBeGreaterThan(100);
  await until('a unit to move', async () => {
    const now = await snapshot();
    return [...now].filter(([u, p]) => before.has(u) && before.get(u) !== p).length > 3;
  }, 30_000);
});

it('puts the demo cameras on the wall, playing generated video, and inside the view of demo incidents', async () => {
  const { rows: cams } = await app.db.pool.query<{ id: string; name: string }>(
    `SELECT id, name FROM camera WHERE external_id LIKE 'demo-video-%' ORDER BY external_id`,
  );
  expect(cams).toHaveLength(4);
  for (const c of cams) expect(c.name).toContain('(generated video)');
  const { rows: wall } = await app.db.pool.query<{ camera_ids: string[] }>('SELECT camera_ids FROM wall_state');
  expect(wall[0]!.camera_ids).toEqual(cams.map((c) => c.id));
  const playlist = await fetch(`${app.url}/streams/demo-video-1/index.m3u8`);
  expect(playlist.status).toBe(200);
  expect(await playlist.text()).toContain('#EXTINF');
  await until('an incident a demo camera sees', async () => {
    const { rows } = await app.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM incident_camera ic JOIN camera c ON c.id = ic.camera_id WHERE c.external_id LIKE 'demo-video-%'`,
    );
    return rows[0]!.n > 0;
  }, 30_000);
});
