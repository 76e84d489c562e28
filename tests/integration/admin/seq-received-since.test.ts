import { afterAll, beforeAll, expect, it } from 'vitest';
import { seqReceivedSince } from '@/lib/ingest/seq-received-since';
import { makeAgency, makeSource } from '@/tests/helpers/factories';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.drop();
});

/** The window as a full scan sees it, and as `seq >= bound` selects it: the two must be the same rows. */
async function check(hours: number): Promise<void> {
  const bound = await seqReceivedSince(db.pool, hours);
  const { rows } = await db.pool.query<{ scan: string[] | null; bounded: string[] | null }>(
    `SELECT (SELECT array_agg(seq::text ORDER BY seq) FROM event WHERE received_at >= now() - make_interval(hours => $1)) AS scan,
            (SELECT array_agg(seq::text ORDER BY seq) FROM event WHERE seq >= $2::bigint) AS bounded`,
    [hours, bound.toString()],
  );
  expect(rows[0]!.bounded, `${hours} h`).toEqual(rows[0]!.scan);
}

it('bounds the window by seq exactly as a full scan finds it, across gaps in seq', async () => {
  expect(await seqReceivedSince(db.pool, 24)).toBe(0n); // no events at all
  const source = await makeSource(db.pool, (await makeAgency(db.pool)).id);
  // 3,000 events over 30 days in seq order, then holes punched where rolled-back inserts would leave them.
  await db.pool.query(
    `INSERT INTO event (source_id, external_id, kind, type_code, occurred_at, received_at)
     SELECT $1, 'e' || g, 'cad', 'X', now() - interval '1 year', now() - interval '30 days' + g * interval '30 days' / 3000
       FROM generate_series(1, 3000) g`,
    [source.id],
  );
  await db.pool.query(`DELETE FROM event WHERE seq % 7 = 3 OR seq BETWEEN 2790 AND 2810`);
  for (const hours of [1, 24, 24 * 7, 24 * 29, 24 * 31, 24 * 400]) await check(hours);
  // Nothing that recent: past the newest seq, so `seq >= result` selects nothing.
  await db.pool.query(`UPDATE event SET received_at = received_at - interval '2 hours'`);
  await check(1);
  const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM event WHERE received_at >= now() - interval \'1 hour\'');
  expect(rows[0]!.n).toBe(0);
});
