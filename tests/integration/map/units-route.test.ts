import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAgency, makeSource, makeUser } from '../../helpers/factories';
import { startTestApp, UNLIMITED, type TestApp } from '../../helpers/test-app';

let app: TestApp;
let cookieA: string;
let cookieB: string;
let keyA: string;

beforeAll(async () => {
  app = await startTestApp({ ...UNLIMITED });
  const pool = app.db.pool;
  const [a, b] = [await makeAgency(pool), await makeAgency(pool)];
  keyA = (await makeSource(pool, a.id, 'avl')).key;
  const [ua, ub] = [await makeUser(pool, a.id, 'operator'), await makeUser(pool, b.id, 'operator')];
  [cookieA, cookieB] = [await app.login(ua.username, ua.password), await app.login(ub.username, ub.password)];
});
afterAll(async () => {
  await app?.stop();
});

const units = async (cookie: string) => {
  const res = await fetch(`${app.url}/api/units`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as { units: Record<string, unknown>[] }) : null };
};

it('lists the agency’s units at their newest AVL fix, with status and heading, and nobody else’s', async () => {
  const post = (positions: unknown[]) =>
    fetch(`${app.url}/api/ingest/avl`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keyA}` }, body: JSON.stringify({ positions }) });
  const t = Date.now();
  expect((await post([
    { unitId: 'E12', lat: 37.77, lon: -122.41, timestamp: new Date(t - 60_000).toISOString(), heading: 90, status: 'en_route' },
    { unitId: 'M3', lat: 37.75, lon: -122.43, timestamp: new Date(t - 30_000).toISOString() },
  ])).status).toBe(202);
  // A newer fix moves E12; its status stays as last reported.
  expect((await post([{ unitId: 'E12', lat: 37.78, lon: -122.4, timestamp: new Date(t).toISOString(), heading: 180 }])).status).toBe(202);

  const mine = await units(cookieA);
  expect(mine.status).toBe(200);
  const byCall = Object.fromEntries(mine.body!.units.map((u) => [u.callSign, u]));
  expect(Object.keys(byCall).sort()).toEqual(['E12', 'M3']);
  expect(byCall.E12).toMatchObject({ lat: 37.78, lon: -122.4, heading: 180, status: 'en_route' });
  expect(byCall.M3).toMatchObject({ status: 'available', heading: null });

  const theirs = await units(cookieB);
  expect(theirs.status).toBe(200);
  expect(theirs.body!.units).toEqual([]);
  expect((await units('')).status).toBe(401);
});
