import { afterAll, beforeAll, expect, it } from 'vitest';
import { sourceHealth } from '@/lib/dashboard/source-health';
import { ingestEvents } from '@/lib/ingest/ingest-events';
import { makeAgency, makeEvent, makeSource } from '@/tests/helpers/factories';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import type { EventInput } from '@/lib/domain/event';

/**
 * Source health reads the last hour's events; only a source silent for that hour is looked up over the day. A
 * source that sent now, one that last sent three hours ago, one that last sent 30 hours ago.
 */
let db: TestDb;
let agencyId: string;
const ids: Record<'live' | 'quiet' | 'gone', string> = { live: '', quiet: '', gone: '' };

beforeAll(async () => {
  db = await createTestDb();
  agencyId = (await makeAgency(db.pool)).id;
  for (const k of ['gone', 'quiet', 'live'] as const) ids[k] = (await makeSource(db.pool, agencyId)).id;
  // Stored in the order they were received (seq follows it): the oldest first.
  for (const [source, hoursAgo] of [['gone', 30], ['quiet', 5], ['quiet', 3]] as const) {
    await db.pool.query(
      `INSERT INTO event (source_id, external_id, kind, type_code, occurred_at, received_at)
       VALUES ($1, $2, 'cad', 'T', now() - make_interval(hours => $3) - interval '1 second', now() - make_interval(hours => $3))`,
      [ids[source], `${source}-${hoursAgo}`, hoursAgo],
    );
  }
  const now = Date.now();
  await ingestEvents({ pool: db.pool }, ids.live, [2, 4, 10].map((s) => makeEvent({ occurredAt: new Date(now - s * 1000).toISOString() }) as EventInput));
});
afterAll(async () => {
  await db?.drop();
});

it('gives each source its last event of the day, its last hour count and lag, a silent one included', async () => {
  const period = { from: new Date(Date.now() - 12 * 3_600_000), to: new Date() };
  const health = new Map((await sourceHealth(db.pool, agencyId, period)).map((s) => [s.id, s]));
  const { rows } = await db.pool.query<{ source_id: string; last: Date }>(
    `SELECT source_id, max(received_at) AS last FROM event WHERE received_at >= now() - interval '24 hours' GROUP BY 1`,
  );
  const last = new Map(rows.map((r) => [r.source_id, r.last.toISOString()]));
  expect(health.get(ids.live)).toMatchObject({ lastEventAt: last.get(ids.live), eventsLastHour: 3 });
  // Received − occurred: 2, 4 and 10 s (plus the moments before the write): the median is the 4 s one.
  expect(health.get(ids.live)!.lagP50Ms).toBeGreaterThanOrEqual(4000);
  expect(health.get(ids.live)!.lagP50Ms).toBeLessThan(10_000);
  expect(health.get(ids.quiet)).toMatchObject({ lastEventAt: last.get(ids.quiet), eventsLastHour: 0, lagP50Ms: null });
  expect(last.get(ids.quiet)).toBeTruthy();
  expect(health.get(ids.gone)).toMatchObject({ lastEventAt: null, eventsLastHour: 0, lagP50Ms: null });
});
