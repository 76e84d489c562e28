import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { applyMigrations } from '@/lib/platform/db/migrate';
import { createPool } from '@/lib/platform/db/pool';

export interface TestDb {
  url: string;
  pool: pg.Pool;
  drop: () => Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database with every migration applied, on the run's PostgreSQL server. Drop it in afterAll. */
export async function createTestDb(): Promise<TestDb> {
  const admin = inject('adminDatabaseUrl');
  const name = `rtcc_test_${crypto.randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = withDatabase(admin, name);
  await applyMigrations(url);
  const pool = createPool(url, 10);
  return {
    url,
    pool,
    drop: async () => {
      await pool.end();
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}
