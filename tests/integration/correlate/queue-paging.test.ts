import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDto } from '@/lib/domain/incident';
import { makeAgency } from '@/tests/helpers/factories';
import { startTestApp, type TestApp } from '@/tests/helpers/test-app';

/** GET /api/incidents: every active incident reachable by keyset pages, filtered by the server, counted by it. */
let app: TestApp;
let agencyId: string;
let cookie: string;

interface Page {
  incidents: IncidentDto[];
  total: number;
  open: number;
  kinds: string[];
  nextCursor: string | null;
}

const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as T };
};

async function all(qs: string, limit: number): Promise<{ ids: string[]; first: Page }> {
  const ids: string[] = [];
  let after: string | null = null;
  let first: Page | null = null;
  for (let i = 0; i < 100; i++) {
    const { status, body }: { status: number; body: Page } = await get<Page>(`/api/incidents?${qs}&limit=${limit}${after ? `&after=${after}` : ''}`);
    expect(status).toBe(200);
    first ??= body;
    ids.push(...body.incidents.map((x) => x.id));
    after = body.nextCursor;
    if (!after) break;
  }
  return { ids, first: first! };
}

beforeAll(async () => {
  app = await startTestApp();
  agencyId = (await makeAgency(app.db.pool)).id;
  cookie = (await app.signIn('operator', agencyId)).cookie;
  // 450 active incidents with many equal scores and equal opening times (ties are where keysets go wrong), 50 closed.
  await app.db.pool.query(
    `INSERT INTO incident (id, agency_id, number, status, type_code, title, address, lat, lon, score, reasons, opened_at, updated_at, last_seq)
     SELECT gen_random_uuid(), $1, 'N' || n, CASE WHEN n > 450 THEN 'closed' WHEN n % 7 = 0 THEN 'acknowledged' ELSE 'open' END,
            CASE WHEN n % 3 = 0 THEN 'Structure Fire' ELSE 'Medical Incident' END, 'Incident ' || n,
            CASE WHEN n = 77 THEN '500 Block of HAIGHT ST' END, 37.77, -122.42, (n % 4) * 15 + 5, '[]'::jsonb,
            now() - ((n % 5) || ' minutes')::interval, now(), 1
       FROM generate_series(1, 500) n`,
    [agencyId],
  );
});
afterAll(async () => {
  await app?.stop();
});

describe('GET /api/incidents', () => {
  it('pages every active incident once, in the queue order, with the database count', async () => {
    const { ids, first } = await all('status=active', 37);
    expect(first.open).toBe(450);
    expect(first.total).toBe(450);
    expect(new Set(ids).size).toBe(450);
    const { rows } = await app.db.pool.query<{ id: string }>(
      `SELECT id FROM incident WHERE agency_id = $1 AND status <> 'closed' ORDER BY score DESC, opened_at ASC, id ASC`, [agencyId]);
    expect(ids).toEqual(rows.map((r) => r.id));
  });

  it('filters by priority band, kind and words on the server, and counts what matches', async () => {
    const p1 = await all('status=active&priority=1', 50);
    // Scores 50 (n % 4 = 3): P1.
    expect(p1.ids.length).toBe(p1.first.total);
    expect(p1.first.total).toBe((await app.db.pool.query(`SELECT 1 FROM incident WHERE agency_id = $1 AND status <> 'closed' AND score >= 50`, [agencyId])).rowCount);
    const fires = await all('status=active&kind=Structure%20Fire&priority=1,2', 1000);
    for (const id of fires.ids) {
      const { rows } = await app.db.pool.query<{ type_code: string; score: number }>('SELECT type_code, score FROM incident WHERE id = $1', [id]);
      expect(rows[0]!.type_code).toBe('Structure Fire');
      expect(rows[0]!.score).toBeGreaterThanOrEqual(35);
    }
    expect(fires.first.kinds).toEqual(['Medical Incident', 'Structure Fire']);
    const haight = await get<Page>('/api/incidents?status=active&q=haight%20500');
    expect(haight.body.incidents.map((i) => i.number)).toEqual(['N77']);
    const count = await get<{ total: number; open: number }>('/api/incidents/count?status=active&q=haight');
    expect(count.body).toMatchObject({ total: 1, open: 450 });
  });

  it('refuses a cursor it did not make, naming the field', async () => {
    const res = await get<{ issues: { path: string }[] }>('/api/incidents?status=active&after=bogus');
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i) => i.path)).toContain('after');
  });
});
