import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource, makeUser } from '@/tests/helpers/factories';
import { startTestApp, UNLIMITED, type TestApp } from '@/tests/helpers/test-app';
import { apiCall } from './helpers';

/** A rule's preview: what its premise would have matched among the agency's latest events, and the incidents behind them. */
let app: TestApp;
let supervisor: ReturnType<typeof apiCall>;
let operator: ReturnType<typeof apiCall>;
let other: ReturnType<typeof apiCall>;

beforeAll(async () => {
  app = await startTestApp(UNLIMITED);
  const agency = await makeAgency(app.db.pool);
  const source = await makeSource(app.db.pool, agency.id, 'gunshot');
  const sup = await makeUser(app.db.pool, agency.id, 'supervisor');
  const op = await makeUser(app.db.pool, agency.id, 'operator');
  supervisor = apiCall(app, await app.login(sup.username, sup.password));
  operator = apiCall(app, await app.login(op.username, op.password));
  const otherAgency = await makeAgency(app.db.pool);
  const otherSup = await makeUser(app.db.pool, otherAgency.id, 'supervisor');
  other = apiCall(app, await app.login(otherSup.username, otherSup.password));
  const t0 = Date.now() - 3600_000;
  const events = Array.from({ length: 30 }, (_, i) =>
    makeEvent({
      kind: 'gunshot',
      typeCode: i % 3 === 0 ? 'MULTIPLE_GUNSHOTS' : 'SINGLE_GUNSHOT',
      title: i % 3 === 0 ? 'Multiple gunshots' : 'Single gunshot',
      occurredAt: new Date(t0 + i * 60_000).toISOString(),
      lat: 37.77 + i * 0.001,
      payload: { rounds: i % 3 === 0 ? 6 : 1 },
    }),
  );
  const res = await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { authorization: `Bearer ${source.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  expect(res.status).toBe(202);
});
afterAll(async () => {
  await app?.stop();
});

const preview = (who: ReturnType<typeof apiCall>, premise: unknown) => who('/api/admin/rules/preview', { method: 'POST', body: { premise } });

describe('rule preview', () => {
  it("counts and samples the agency's events the premise matches, with the incidents that hold them; supervisors may, operators may not", async () => {
    const premise = { kind: 'gunshot', conditions: [{ field: 'payload.rounds', op: 'gte', value: 3 }] };
    let body: { scanned: number; matched: number; sample: { why: string; typeCode: string }[]; incidents: { count: number; sample: { number: string }[] } } | null = null;
    // The correlator forms incidents from the events as they commit: wait for it.
    for (let i = 0; i < 100; i++) {
      const res = await preview(supervisor, premise);
      expect(res.status).toBe(200);
      body = (await res.json()) as typeof body;
      if (body!.incidents.count > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(body).toMatchObject({ scanned: 30, matched: 10, truncated: false });
    expect(body!.sample.every((s) => s.typeCode === 'MULTIPLE_GUNSHOTS')).toBe(true);
    expect(body!.sample[0]!.why).toMatch(/^Gunshot Multiple gunshots at /);
    expect(body!.incidents.count).toBeGreaterThan(0);

    const none = (await (await preview(supervisor, { kind: 'gunshot', conditions: [], timeOfDay: { from: '00:00', to: '00:01', timeZone: 'UTC' } })).json()) as { matched: number };
    expect(none.matched).toBeLessThanOrEqual(1);
    expect((await preview(operator, premise)).status).toBe(403);
    expect(((await (await preview(other, premise)).json()) as { scanned: number }).scanned).toBe(0);
    const bad = await preview(supervisor, { kind: 'gunshot', conditions: [{ field: 'nope', op: 'eq', value: 1 }] });
    expect(bad.status).toBe(400);
  });

  it('supervisors open the rules page (the role table gives them rules)', async () => {
    const res = await supervisor('/admin/rules');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Preview matches');
    expect((await operator('/admin/rules')).status).toBe(404);
  });
});
