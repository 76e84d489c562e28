import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent, makeSource, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

// Purpose-bound search: every search surface refuses a request without a stated purpose BEFORE it runs
// (400 naming `purpose`, an audited 'deny' row, no data), and records the purpose on the row of a search it runs.
let app: TestApp;
let cookie: string;
let userId: string;
const hour = 3_600_000;
const at = Date.now() - hour;
const window = `from=${new Date(at - hour).toISOString()}&to=${new Date(at + hour).toISOString()}`;
const plate = uid('P').slice(-7).toUpperCase();

beforeAll(async () => {
  app = await startTestApp();
  const det = await app.signIn('detective');
  const src = await makeSource(app.db.pool, det.agencyId, 'lpr');
  userId = det.id;
  cookie = det.cookie;
  // A case-number purpose must name an existing case of the agency.
  await app.db.pool.query(
    `INSERT INTO evidence_case (id, agency_id, number, title, created_by) VALUES (gen_random_uuid(), $1, '2026-000777', 'Stolen vehicle', $2)`,
    [det.agencyId, det.id],
  );
  const res = await fetch(`${app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${src.key}` },
    body: JSON.stringify({ events: [makeEvent({ kind: 'lpr', typeCode: 'read', occurredAt: new Date(at).toISOString(), payload: { plate } })] }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const get = (p: string) => fetch(`${app.url}${p}`, { headers: { cookie } });
const rows = async (outcome: 'allow' | 'deny') =>
  (
    await app.db.pool.query<{ action: string; target_id: string; purpose: string | null; details: { endpoint?: string; field?: string } }>(
      `SELECT action, target_id, purpose, details FROM audit_log WHERE actor_user_id = $1 AND action IN ('search.run', 'search.export') AND outcome = $2 ORDER BY id`,
      [userId, outcome],
    )
  ).rows;

// Each surface with a query that WOULD find the plate read: the refusal is about the purpose alone.
const SURFACES = {
  search: `/api/search?${window}&plate=${plate}`,
  export: `/api/search/export.csv?${window}&plate=${plate}`,
  calls: `/api/search/calls?phone=4155550101`,
  rewind: `/api/search/rewind?${window}`,
} as const;

describe('purpose-bound search', () => {
  it('refuses every search surface without a valid purpose: 400 naming `purpose`, audited, nothing returned', async () => {
    for (const [endpoint, path] of Object.entries(SURFACES)) {
      for (const bad of ['', '&purpose=', '&purpose=curiosity', '&purpose=offense:fishing', '&purpose=case:x']) {
        const res = await get(path + bad);
        const text = await res.text();
        expect(res.status, `${endpoint}${bad}`).toBe(400);
        expect(res.headers.get('content-type')).toContain('application/json');
        const body = JSON.parse(text) as { issues?: { path: string }[]; events?: unknown; seq?: unknown };
        expect(body.issues?.[0]?.path).toBe('purpose');
        expect(body.events).toBeUndefined();
        expect(body.seq).toBeUndefined();
        expect(text).not.toContain(plate);
      }
    }
    const denied = await rows('deny');
    expect(denied).toHaveLength(4 * 5);
    expect(new Set(denied.map((r) => r.details.endpoint))).toEqual(new Set(Object.keys(SURFACES)));
    expect(denied.every((r) => r.details.field === 'purpose' && r.purpose === null)).toBe(true);
    expect(await rows('allow')).toEqual([]);
  });

  it('runs with an offense type or a case number, and the purpose is on the audit row', async () => {
    const s = await get(`${SURFACES.search}&purpose=offense:motor_vehicle_theft`);
    expect(s.status).toBe(200);
    expect(((await s.json()) as { events: { plate: string }[] }).events.map((e) => e.plate)).toEqual([plate]);
    const csv = await get(`${SURFACES.export}&purpose=case:2026-000777`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(plate);
    expect((await get(`${SURFACES.calls}&purpose=offense:fraud`)).status).toBe(200);
    const rewind = await get(`${SURFACES.rewind}&purpose=offense:missing_person`);
    expect(rewind.status).toBe(200);
    expect(((await rewind.json()) as { seq: string[] }).seq).toHaveLength(1);

    const allowed = await rows('allow');
    expect(allowed.map((r) => [r.action, r.details.endpoint, r.purpose])).toEqual([
      ['search.run', 'search', 'offense:motor_vehicle_theft'],
      ['search.export', 'export', 'case:2026-000777'],
      ['search.run', 'calls', 'offense:fraud'],
      ['search.run', 'rewind', 'offense:missing_person'],
    ]);
  });

  it('the public transparency page counts searches by purpose, refusals not included, case numbers not published', async () => {
    const html = await (await fetch(`${app.url}/transparency`)).text();
    const count = (label: string) => {
      const m = new RegExp(`data-label="${label}"[^>]*>(\\d+)<`).exec(html);
      return m ? Number(m[1]) : null;
    };
    expect(count('Offense: motor_vehicle_theft')).toBe(1);
    expect(count('Offense: fraud')).toBe(1);
    expect(count('Offense: missing_person')).toBe(1);
    // The export is counted as an export, not a search; no refused search appears under any label.
    expect(count('Case investigation (case number)')).toBeNull();
    expect(count('Other / unstated')).toBeNull();
    expect(html).not.toContain('2026-000777');
  });
});
