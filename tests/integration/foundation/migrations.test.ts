import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyMigrations } from '@/lib/platform/db/migrate';
import { createTestDb, type TestDb } from '../../helpers/test-db';

let db: TestDb;
beforeAll(async () => (db = await createTestDb()));
afterAll(async () => db?.drop());

it('records applied migrations in Prisma’s table and applies nothing twice', async () => {
  const { rows } = await db.pool.query('SELECT migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
  expect(rows[0].migration_name).toBe('20261125000000_init');
  expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  expect(await applyMigrations(db.url)).toEqual([]);
});

it('keeps the event log unique per (source, external id)', async () => {
  const { rows } = await db.pool.query(
    `SELECT indexdef FROM pg_indexes WHERE tablename = 'event' AND indexdef LIKE '%UNIQUE%source_id%external_id%'`,
  );
  expect(rows).toHaveLength(1);
});
