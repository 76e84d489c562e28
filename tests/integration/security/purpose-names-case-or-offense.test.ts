import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent, makeSource } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

// A search purpose names an existing case of the agency or an offense code from the maintained list; opening a
// case from events is a search: it needs a purpose and leaves a search row in the audit log.
let app: TestApp;
let cookie: string;
let userId: string;
let seq: string;
const hour = 3_600_000;
const window = `from=${new Date(Date.now() - 2 * hour).toISOString()}&to=${new Date(Date.now() + hour).toISOString()}`;

beforeAll(async () => {
  app = await startTestApp();
  const det = await app.signIn('detective');
  const src = await makeSource(app.db.pool, det.agencyId, 'call911');
  userId = det.id;
  cookie = det.cookie;
  const res = await fetch(`${app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${src.key}` },
    body: JSON.stringify({ events: [makeEvent({ kind: 'call911', payload: { callerName: 'Jane Caller', callerNumber: '(415) 555-0199' } })] }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  seq = ((await res.json()) as { results: { seq: string }[] }).results[0]!.seq;
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const get = (p: string) => fetch(`${app.url}${p}`, { headers: { cookie } });
const post = (p: string, body: unknown) =>
  fetch(`${app.url}${p}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('search purpose', () => {
  it('refuses a case number that is not a case of the agency, accepts one that is', async () => {
    const nope = await get(`/api/search?${window}&purpose=case:zzz`);
    expect(nope.status).toBe(400);
    expect(((await nope.json()) as { issues?: { path: string }[] }).issues?.[0]?.path).toBe('purpose');
    expect((await get(`/api/search?${window}&purpose=case:2026-999999`)).status).toBe(400);

    const made = (await (await post('/api/cases', { title: 'A real case' })).json()) as { case: { number: string } };
    const ok = await get(`/api/search?${window}&purpose=case:${made.case.number}`);
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect((await get(`/api/search?${window}&purpose=offense:robbery`)).status).toBe(200);
  });

  it('opening a case from events needs a purpose and is audited as a search', async () => {
    const none = await post('/api/cases', { title: 'From events, no purpose', eventSeqs: [seq] });
    expect(none.status).toBe(400);
    const bad = await post('/api/cases', { title: 'From events, bad purpose', eventSeqs: [seq], purpose: 'case:zzz' });
    expect(bad.status).toBe(400);
    const counted = await app.db.pool.query(`SELECT count(*)::int AS n FROM evidence_case WHERE title LIKE 'From events, %'`);
    expect(counted.rows[0].n).toBe(0);

    const ok = await post('/api/cases', { title: 'From events, with purpose', eventSeqs: [seq], purpose: 'offense:assault' });
    expect(ok.status, await ok.clone().text()).toBe(201);
    const rows = await app.db.pool.query<{ purpose: string; outcome: string; details: { events?: string[] } }>(
      `SELECT purpose, outcome, details FROM audit_log WHERE actor_user_id = $1 AND action = 'search.run' AND target_id = 'case-from-events' ORDER BY id`,
      [userId],
    );
    expect(rows.rows.map((r) => [r.outcome, r.purpose])).toEqual([
      ['deny', null],
      ['deny', null],
      ['allow', 'offense:assault'],
    ]);
    expect(rows.rows[2]!.details.events).toEqual([seq]);
  });
});
