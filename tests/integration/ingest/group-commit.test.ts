import { afterAll, beforeAll, expect, it } from 'vitest';
import { ZEventInput } from '@/lib/domain/event';
import { ingestEvents } from '@/lib/ingest/ingest-events';
import { makeAgency, makeEvent, makeSource } from '../../helpers/factories';
import { createTestDb, type TestDb } from '../../helpers/test-db';

/**
 * Group commit on a real PostgreSQL: batches submitted together are written in one transaction, each in its own
 * savepoint. A batch PostgreSQL refuses (a NUL byte in text) fails alone; its neighbours in the same transaction
 * are stored with ascending seqs, a retry inside the group reports the first seqs, and nothing of the bad one stays.
 */
let db: TestDb;
beforeAll(async () => (db = await createTestDb()));
afterAll(async () => db?.drop());

it('one refused batch in a group fails alone; the others commit together, in order, idempotently', async () => {
  const agency = await makeAgency(db.pool);
  const source = await makeSource(db.pool, agency.id);
  const batch = (n: number, over: Record<string, unknown> = {}) => Array.from({ length: n }, () => ZEventInput.parse(makeEvent(over)));
  const first = batch(3);
  const good = [batch(4), batch(5), batch(2)];
  const bad = batch(3, { title: 'nul \u0000 byte' });
  // Submitted in one tick: the first opens a transaction, the rest queue and are written as the next group.
  const settled = await Promise.allSettled([
    ingestEvents({ pool: db.pool }, source.id, first),
    ingestEvents({ pool: db.pool }, source.id, good[0]!),
    ingestEvents({ pool: db.pool }, source.id, bad),
    ingestEvents({ pool: db.pool }, source.id, good[1]!),
    ingestEvents({ pool: db.pool }, source.id, [...good[2]!, good[2]![0]!]), // a repeat inside the batch
    ingestEvents({ pool: db.pool }, source.id, first), // a retry of the first batch
  ]);
  expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  expect(((settled[2] as PromiseRejectedResult).reason as { code?: string }).code).toBe('BAD_REQUEST');

  const out = settled.map((s) => (s.status === 'fulfilled' ? s.value.results : []));
  // The retry reports the seqs stored the first time, as duplicates.
  expect(out[5]!.map((r) => r.seq)).toEqual(out[0]!.map((r) => r.seq));
  expect(out[5]!.every((r) => r.duplicate)).toBe(true);
  expect(out[4]!.at(-1)).toMatchObject({ duplicate: true, seq: out[4]![0]!.seq });

  const { rows } = await db.pool.query<{ external_id: string; seq: string }>('SELECT e.external_id, e.seq::text AS seq FROM event e WHERE e.source_id = $1 ORDER BY e.seq', [source.id]);
  const expected = [first, ...good].flat().map((e) => e.externalId);
  expect(rows.map((r) => r.external_id)).toEqual(expected);
  expect(rows.some((r) => bad.some((b) => b.externalId === r.external_id))).toBe(false);
  const stored = new Map(rows.map((r) => [r.external_id, r.seq]));
  for (const [i, results] of out.entries()) for (const r of results) expect(stored.get(r.externalId), `batch ${i}`).toBe(r.seq);
});

it('a group of clean batches goes in as one COPY: every batch gets its own ascending seqs and its own results', async () => {
  const agency = await makeAgency(db.pool);
  const source = await makeSource(db.pool, agency.id);
  const batches = [3, 6, 1, 4, 2].map((n) => Array.from({ length: n }, () => ZEventInput.parse(makeEvent({}))));
  const out = await Promise.all(batches.map((b) => ingestEvents({ pool: db.pool }, source.id, b)));
  const { rows } = await db.pool.query<{ external_id: string; seq: string }>('SELECT e.external_id, e.seq::text AS seq FROM event e WHERE e.source_id = $1 ORDER BY e.seq', [source.id]);
  // Stored in submission order, each event once, under the seq its caller was told.
  expect(rows.map((r) => r.external_id)).toEqual(batches.flat().map((e) => e.externalId));
  const stored = new Map(rows.map((r) => [r.external_id, r.seq]));
  for (const [i, o] of out.entries()) {
    expect(o.results.map((r) => r.externalId)).toEqual(batches[i]!.map((e) => e.externalId));
    for (const r of o.results) expect(r).toEqual({ externalId: r.externalId, seq: stored.get(r.externalId), duplicate: false });
    expect(o.maxSeq?.toString()).toBe(o.results.at(-1)!.seq);
  }
});
