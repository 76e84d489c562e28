import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DashboardDto, DrillDto } from '@/lib/domain/dashboard';
import { makeAgency, makeSource } from '@/tests/helpers/factories';
import { startTestApp, type TestApp } from '@/tests/helpers/test-app';
import { seedIncident, until } from './helpers';

/** The supervisor dashboard computed from stored CAD events, units, cameras and incidents through the real server. */
let app: TestApp;
let agencyId: string;
let cookie: string;
let source: { id: string; key: string };

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const get = async <T>(path: string) => {
  const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
  if (res.status !== 200) console.error(app.output().slice(-3000));
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const ingest = (events: unknown[]) =>
  fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { authorization: `Bearer ${source.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });

/** One SF Fire CAD row (one unit of one call), as the adapter stores it. */
function cadRow(call: string, unit: string, receivedMs: number, dispatchS: number | string, onSceneS: number, extra: Record<string, unknown> = {}) {
  return {
    externalId: `${call}-${unit}`, kind: 'cad', typeCode: 'Structure Fire', occurredAt: iso(receivedMs), lat: 37.7599, lon: -122.4148, priority: 2, title: 'Structure Fire',
    payload: { callNumber: call, unitId: unit, dispatchAt: typeof dispatchS === 'string' ? dispatchS : iso(receivedMs + dispatchS * 1000), onSceneAt: iso(receivedMs + onSceneS * 1000), availableAt: iso(receivedMs + 30 * MIN), ...extra },
  };
}

beforeAll(async () => {
  app = await startTestApp();
  agencyId = (await makeAgency(app.db.pool)).id;
  source = await makeSource(app.db.pool, agencyId, 'cad');
  cookie = (await app.signIn('supervisor', agencyId)).cookie;
});
afterAll(async () => {
  await app?.stop();
});

it('computes open situations, calls vs last week, response p50/p90, units, cameras and source health from what is stored', async () => {
  const now = Date.now();
  const t = now - 10 * MIN;
  const recorded = Date.parse('2016-01-01T00:00:00Z');
  const res = await ingest([
    cadRow('C1', 'E1', t, 60, 360),
    cadRow('C1', 'E2', t, 90, 400),
    cadRow('C2', 'E3', t, 120, 720),
    // A replayed record: occurred_at is when the replay passed it, its own times stay on the 2016 clock.
    { ...cadRow('C3', 'E4', now - 5 * MIN, 0, 0), payload: { callNumber: 'C3', unitId: 'E4', recordedAt: iso(recorded), dispatchAt: iso(recorded + 3 * MIN), onSceneAt: iso(recorded + 8 * MIN) } },
    // A source's nonsense timestamp reads as unknown, it does not break the dashboard.
    cadRow('C4', 'E5', t, '2016-02-30T25:00:00Z', 100),
    cadRow('W1', 'E9', now - 7 * 24 * 60 * MIN - 5 * MIN, 30, 300),
  ]);
  expect(res.status).toBe(202);
  expect((await ingest([{ externalId: 'bad', kind: 'cad' }])).status).toBe(400);
  const p1 = await seedIncident(app.db.pool, agencyId, { lat: 37.7599, lon: -122.4148, score: 55 }); // Mission
  await seedIncident(app.db.pool, agencyId, { lat: 37.7793, lon: -122.4193, score: 40 }); // Tenderloin
  await app.db.pool.query(
    `INSERT INTO unit (id, agency_id, call_sign, status, lat, lon, updated_at) VALUES (gen_random_uuid(), $1, 'X9', 'out_of_service', 37.77, -122.42, now()), (gen_random_uuid(), $1, 'A1', 'available', 37.78, -122.41, now())`,
    [agencyId]);
  for (const [status, seen] of [['online', 'now()'], ['online', "now() - interval '1 hour'"], ['unknown', 'NULL']] as const) {
    await app.db.pool.query(
      `INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url, status, last_seen_at) VALUES ($1, $2, $3, 'cam', 37.77, -122.42, 'hls', 'http://127.0.0.1:9/x.m3u8', $4, ${seen})`,
      [crypto.randomUUID(), agencyId, crypto.randomUUID(), status]);
  }

  // Refused requests are counted in memory and written every few seconds.
  let d!: DashboardDto;
  await until(async () => {
    d = await get<DashboardDto>('/api/dashboard?hours=2');
    return d.sources[0]!.rejected === 1;
  }, 'the refused request counted', 15_000);

  // The correlator opened incidents for the CAD calls too: the oracle is what is active in the table, banded here.
  const active = await app.db.pool.query<{ band: number; n: number }>(
    `SELECT CASE WHEN score >= 50 THEN 1 WHEN score >= 35 THEN 2 WHEN score >= 20 THEN 3 ELSE 4 END AS band, count(*)::int AS n
       FROM incident WHERE agency_id = $1 AND status IN ('open', 'acknowledged', 'assigned', 'escalated') GROUP BY 1`, [agencyId]);
  const bands = [1, 2, 3, 4].map((b) => active.rows.find((r) => r.band === b)?.n ?? 0);
  expect(d.open.byPriority).toEqual(bands);
  expect(d.open.total).toBe(bands.reduce((x, y) => x + y, 0));
  expect(d.open.total).toBeGreaterThanOrEqual(2);
  expect(d.open.byDistrict.map((x) => x.district).sort()).toEqual(['Mission', 'Tenderloin']);
  expect(d.calls.total).toBe(4);
  expect(d.calls.lastWeekTotal).toBe(1);
  expect(d.calls.hours.reduce((a, h) => a + h.lastWeek, 0)).toBe(1);
  // Dispatch 60, 120, 180 s (C4 unknown); first on scene 300, 600, 300 s after the first dispatch.
  expect(d.response.overall).toEqual({ calls: 4, dispatchP50: 120, dispatchP90: 168, onSceneP50: 300, onSceneP90: 540 });
  expect(d.response.byPriority.reduce((n, r) => n + r.calls, 0)).toBe(4);
  expect(d.response.byDistrict).toEqual([{ district: 'Mission', calls: 4, dispatchP50: 120, dispatchP90: 168, onSceneP50: 300, onSceneP90: 540 }]);
  // E1, E2 on scene; E3, E4 en route; E5's call has no dispatch time (dispatched, committed); X9 out; A1 available.
  expect({ a: d.units.available, c: d.units.committed, o: d.units.outOfService }).toEqual({ a: 1, c: 5, o: 1 });
  expect(d.cameras).toEqual({ total: 3, online: 1, offline: 1, unknown: 1, onlinePct: 33.3 });
  expect(d.sources[0]).toMatchObject({ id: source.id, accepted: 1, rejected: 1, errorRate: 0.5 });
  expect(d.sources[0]!.eventsLastHour).toBe(6);

  const open = await get<DrillDto>('/api/dashboard/drill?chart=open&priority=1');
  expect(open.items.map((i) => i.incidentId)).toContain(p1.id);
  expect(open.items).toHaveLength(bands[0]!);
  const slow = await get<DrillDto>('/api/dashboard/drill?chart=response&district=Mission&hours=2');
  expect(slow.items.map((i) => i.id)).toEqual(['C3', 'C2', 'C1', 'C4']);
  const hour = d.calls.hours.find((h) => h.count > 0)!;
  const calls = await get<DrillDto>(`/api/dashboard/drill?chart=calls&hour=${encodeURIComponent(hour.at)}`);
  expect(calls.items.length).toBe(hour.count);
  const units = await get<DrillDto>('/api/dashboard/drill?chart=units&status=out_of_service');
  expect(units.items.map((i) => i.label)).toEqual(['X9']);
  const bad = await fetch(`${app.url}/api/dashboard?hours=99999`, { headers: { cookie } });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain('hours');
});
