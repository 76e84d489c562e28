import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventInput } from '@/lib/domain/event';
import { callsPerHour } from '@/lib/dashboard/calls-per-hour';
import { groupResponse, selectCallTimes } from '@/lib/dashboard/response-times';
import { foldDashboard } from '@/lib/dashboard/rollup';
import { selectUnitStates } from '@/lib/dashboard/unit-board';
import { ingestEvents } from '@/lib/ingest/ingest-events';
import { makeAgency, makeSource } from '@/tests/helpers/factories';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';

/**
 * The dashboard's call and unit figures are the same whether the events are folded into the rollup, partly
 * folded, or not at all, and when a late event lands in an hour already folded: hand-computed values, read at
 * each state. The period starts and ends mid-hour, so both the rollup's whole hours and the events at the ends
 * are read, and a call begun before the period counts from its first event inside it.
 */
let db: TestDb;
let agencyId: string;
let s1: string;
let s2: string;

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// T(h, m): whole hours back from three hours ago, so every event is in the past and within the unit board's day.
const H = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
const T = (h: number, m = 0) => H + h * HOUR + m * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
const period = { from: new Date(T(-1, 30)), to: new Date(T(2, 20)) };

/** One SF Fire CAD row: one unit of one call, its times on the call's clock (seconds after `at`). */
function sf(call: string, unit: string, at: number, dispatchS: number | null, onSceneS: number | null, over: Partial<EventInput> = {}): EventInput {
  return {
    externalId: `${call}-${unit}-${at}`, kind: 'cad', typeCode: 'Structure Fire', occurredAt: iso(at), lat: 37.7599, lon: -122.4148, priority: 2, title: `Fire ${call}`,
    payload: {
      callNumber: call, unitId: unit, availableAt: iso(at + 40 * MIN),
      ...(dispatchS === null ? {} : { dispatchAt: iso(at + dispatchS * 1000) }), ...(onSceneS === null ? {} : { onSceneAt: iso(at + onSceneS * 1000) }),
    },
    ...over,
  };
}

/** `hint`: a rollup cursor read earlier than the query (a stale one must not count folded events twice). */
async function figures(hint?: string) {
  const sources = [s1, s2];
  const calls = await callsPerHour(db.pool, sources, period, hint);
  const times = await selectCallTimes(db.pool, sources, period, undefined, hint);
  const units = new Map((await selectUnitStates(db.pool, agencyId, sources, new Date(), hint)).map((u) => [u.callSign, u]));
  return { calls, times, response: groupResponse(times), units };
}

beforeAll(async () => {
  db = await createTestDb();
  agencyId = (await makeAgency(db.pool)).id;
  s1 = (await makeSource(db.pool, agencyId)).id;
  s2 = (await makeSource(db.pool, agencyId)).id;
  await ingestEvents({ pool: db.pool }, s1, [
    // A: two units, in two whole hours. Received T(0,10); first dispatch +60 s; first on scene +360 s.
    sf('A', 'E1', T(0, 10), 60, 360),
    sf('A', 'E2', T(1, 5), 90 - 55 * 60, 400 - 55 * 60),
    // B: begun before the period (that row does not count), then in its first partial hour and a whole hour.
    sf('B', 'E3', T(-1, 10), 30, 100),
    sf('B', 'E4', T(-1, 40), 120, 600),
    sf('B', 'E5', T(0, 30), 30, 300),
    // C: one call reported by both sources (below).
    sf('C', 'E6', T(1, 15), 200, 500),
    // D: in the last, partial hour; nobody on scene yet.
    sf('D', 'E7', T(2, 5), 45, null),
    // After the period, and a week before it (the line of last week).
    sf('F', 'E9', T(2, 30), 10, 20),
    sf('W', 'E8', T(0, 5) - 7 * DAY, 30, 300),
    { externalId: '911-now', kind: 'call911', typeCode: '911', occurredAt: iso(T(1, 50)), lat: 37.76, lon: -122.41, priority: 1, payload: {} },
    { externalId: '911-last-week', kind: 'call911', typeCode: '911', occurredAt: iso(T(1, 50) - 7 * DAY), lat: 37.76, lon: -122.41, priority: 1, payload: {} },
    // A CAD JSON status update naming E1: newer than E1's SF row, so the unit board shows it.
    { externalId: 'json-1', kind: 'cad', typeCode: 'Status', occurredAt: iso(T(1, 40)), lat: 37.77, lon: -122.42, priority: 3, payload: { incidentNumber: 'J1', units: [{ callSign: 'E1', status: 'out_of_service' }] } },
  ]);
  await ingestEvents({ pool: db.pool }, s2, [sf('C', 'E6', T(1, 20), 10, 100, { lat: 37.7601, lon: null })]);
});
afterAll(async () => {
  await db?.drop();
});

function expectFigures(f: Awaited<ReturnType<typeof figures>>, late: boolean) {
  // Buckets from 30 past: A and B in the first, C in the second, J1, the 911 call and D in the third.
  expect(f.calls.hours.map((h) => h.count)).toEqual([2, 1, 3]);
  expect(f.calls.hours.map((h) => h.lastWeek)).toEqual([1, 0, 1]);
  expect({ total: f.calls.total, lastWeek: f.calls.lastWeekTotal }).toEqual({ total: 6, lastWeek: 2 });
  // J1 (CAD JSON, no times) is a call too. Dispatch A 60, B 120, C 200, D 45; on scene (after the first dispatch)
  // A 300, B 480, C 200. With A's late row: A dispatched in 40 s, on scene 320 s after.
  const overall = late ? { dispatchP50: 83, dispatchP90: 176, onSceneP50: 320, onSceneP90: 448 } : { dispatchP50: 90, dispatchP90: 176, onSceneP50: 300, onSceneP90: 444 };
  expect(f.response.overall).toEqual({ calls: 5, ...overall });
  const c = f.times.find((t) => t.key === 'C')!;
  // Positions average each source's row once (source 2 sent no longitude).
  expect(c.lat).toBeCloseTo(37.76, 9);
  expect({ lon: c.lon, dispatchS: c.dispatchS, onSceneS: c.onSceneS }).toEqual({ lon: -122.4148, dispatchS: 200, onSceneS: 200 });
  const b = f.times.find((t) => t.key === 'B')!;
  expect({ at: b.receivedAt.toISOString(), dispatchS: b.dispatchS, onSceneS: b.onSceneS }).toEqual({ at: iso(T(-1, 40)), dispatchS: 120, onSceneS: 480 });
  expect(f.times.map((t) => t.key).sort()).toEqual(['A', 'B', 'C', 'D', 'J1']);
  // Units heard from in the day: E8 (a week ago) is not; E1's newest word is the CAD JSON status; E6's is source 2's row.
  expect([...f.units.keys()].sort()).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E9']);
  expect(f.units.get('E1')).toMatchObject({ status: 'out_of_service', since: new Date(T(1, 40)) });
  expect(f.units.get('E6')).toMatchObject({ lat: 37.7601, lon: null, since: new Date(T(1, 20) + 40 * MIN), status: 'available' });
  expect(f.units.get('E7')).toMatchObject({ since: new Date(T(2, 40) + 5 * MIN), status: 'available' });
}

it('gives the same figures with nothing folded, part folded, all folded, and a late event past the cursor', async () => {
  const cursor = async () => (await db.pool.query<{ seq: string }>('SELECT seq::text AS seq FROM dashboard_rollup')).rows[0]!.seq;
  expect(await cursor()).toBe('0');
  expectFigures(await figures(), false);

  // Up to C's first row: its second (source 2) is read past the cursor.
  expect(await foldDashboard(db.pool, { chunk: 6, maxRounds: 1 })).toBe(6);
  expect(await cursor()).toBe('6');
  expectFigures(await figures(), false);

  await foldDashboard(db.pool);
  const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dashboard_call_hour');
  expect(rows[0]!.n).toBeGreaterThan(0);
  expectFigures(await figures(), false);
  expectFigures(await figures('6'), false);

  // A late row of A, in an hour already folded, with an earlier dispatch: 40 s instead of 60.
  await ingestEvents({ pool: db.pool }, s1, [sf('A', 'E1', T(0, 50), 40 - 40 * 60, 360 - 40 * 60, { externalId: 'A-late' })]);
  expectFigures(await figures(), true);
  await foldDashboard(db.pool);
  expectFigures(await figures(), true);
});
