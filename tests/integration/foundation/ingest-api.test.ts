import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

let app: TestApp;
let source: { id: string; key: string };

async function post(body: unknown, key: string | null = source.key, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

async function countEvents(): Promise<number> {
  const { rows } = await app.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event WHERE source_id = $1', [source.id]);
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  app = await startTestApp({ INGEST_MAX_BODY_BYTES: String(256 * 1024) });
  const agency = await makeAgency(app.db.pool);
  source = await makeSource(app.db.pool, agency.id);
});
afterAll(async () => app?.stop());

describe('POST /api/ingest/events', () => {
  it('stores a batch and answers 202 with a seq per event, after commit', async () => {
    const events = [makeEvent(), makeEvent({ kind: 'gunshot', typeCode: 'Multiple_Gunshots' })];
    const res = await post({ events });
    expect(res.status).toBe(202);
    const results = res.body!.results as { externalId: string; seq: string; duplicate: boolean }[];
    expect(results.map((r) => r.duplicate)).toEqual([false, false]);
    const { rows } = await app.db.pool.query('SELECT seq::text, external_id, kind, lat FROM event WHERE seq = ANY($1::bigint[]) ORDER BY seq', [
      results.map((r) => r.seq),
    ]);
    expect(rows.map((r) => r.external_id)).toEqual(events.map((e) => e.externalId));
    expect(rows[1].kind).toBe('gunshot');
  });

  it('is idempotent: a retried batch reports duplicates with the original seq and stores nothing new', async () => {
    const events = [makeEvent(), makeEvent()];
    const first = await post({ events });
    const before = await countEvents();
    const again = await post({ events });
    expect(again.status).toBe(202);
    expect(again.body!.duplicates).toBe(2);
    expect((again.body!.results as { seq: string }[]).map((r) => r.seq)).toEqual(
      (first.body!.results as { seq: string }[]).map((r) => r.seq),
    );
    expect(await countEvents()).toBe(before);
  });

  it('stores a batch once under 50 concurrent retries', async () => {
    const events = Array.from({ length: 20 }, () => makeEvent());
    const before = await countEvents();
    const all = await Promise.all(Array.from({ length: 50 }, () => post({ events })));
    expect(all.every((r) => r.status === 202)).toBe(true);
    expect(await countEvents()).toBe(before + 20);
    expect(all.reduce((n, r) => n + Number(r.body!.accepted), 0)).toBe(20);
  });

  it('refuses a batch with one bad field with 400 naming it, and stores none of it', async () => {
    const before = await countEvents();
    const res = await post({ events: [makeEvent(), makeEvent({ lat: 123 }), makeEvent({ kind: 'ufo' })] });
    expect(res.status).toBe(400);
    const paths = (res.body!.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toContain('events[1].lat');
    expect(paths).toContain('events[2].kind');
    expect(String(res.body!.error)).toMatch(/events\[1\]\.lat/);
    expect(await countEvents()).toBe(before);
  });

  it.each([
    ['wrong types', { events: [{ ...makeEvent(), occurredAt: 12 }] }, 'events[0].occurredAt'],
    ['unknown field', { events: [{ ...makeEvent(), admin: true }] }, 'events[0]'],
    ['empty batch', { events: [] }, 'events'],
    ['not an object', [1, 2, 3], ''],
  ])('refuses %s with 400', async (_name, body, path) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    if (path) expect((res.body!.issues as { path: string }[]).some((i) => i.path === path)).toBe(true);
  });

  it('refuses invalid JSON (400), a non-JSON content type (415) and a body over the limit (413)', async () => {
    expect((await post('{"events": [')).status).toBe(400);
    expect((await post('events=1', source.key, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    const huge = { events: [makeEvent({ payload: { blob: 'x'.repeat(300 * 1024) } })] };
    const res = await post(huge);
    expect(res.status).toBe(413);
  });

  it('refuses a missing or wrong API key with 401 and stores nothing', async () => {
    const before = await countEvents();
    expect((await post({ events: [makeEvent()] }, null)).status).toBe(401);
    expect((await post({ events: [makeEvent()] }, `rtcc_${uid('nope')}`)).status).toBe(401);
    expect(await countEvents()).toBe(before);
  });

  it('keeps serving after all of the above', async () => {
    expect((await post({ events: [makeEvent()] })).status).toBe(202);
  });
});

describe('health for load balancers', () => {
  it('answers liveness and readiness (database reachable, migrations applied) without a session', async () => {
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    const ready = await fetch(`${app.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, database: 'ok', migrations: 'ok' });
  });
});
