import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { applyMigrations } from '@/lib/platform/db/migrate';
import { createPool } from '@/lib/platform/db/pool';

export interface TestDb {
  /** The owner's URL (migrations, fixtures, scripts): the run's administrative role. */
  url: string;
  /** The app's own role on this database: neither owner nor superuser (what the server connects as). */
  appUrl: string;
  pool: pg.Pool;
  drop: () => Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function withUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

/** A fresh database with every migration applied, on the run's PostgreSQL server. Drop it in afterAll. */
export async function createTestDb(): Promise<TestDb> {
  const admin = inject('adminDatabaseUrl');
  const suffix = crypto.randomBytes(5).toString('hex');
  const name = `rtcc_test_${suffix}`;
  const appRole = `rtcc_app_${suffix}`;
  const appPassword = crypto.randomBytes(12).toString('hex');
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.query(`CREATE ROLE ${appRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${appPassword}'`);
  await c.end();
  const url = withDatabase(admin, name);
  await applyMigrations(url);
  const pool = createPool(url, 10);
  return {
    url,
    appUrl: withUser(url, appRole, appPassword),
    pool,
    drop: async () => {
      await pool.end();
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.query(`DROP ROLE IF EXISTS ${appRole}`);
      await d.end();
    },
  };
}
