import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { applyMigrations } from '@/lib/platform/db/migrate';
import { readEventsAfter } from '@/lib/realtime/event-rows';

// Databases left by earlier releases (tests/fixtures/upgrade/<release>.sql.gz: pg_dump output, gzipped as generated data; made by make-fixture.ts next to them)
// must migrate to today's schema with every row intact. A new migration that drops or rewrites data fails here.
const dir = 'tests/fixtures/upgrade';
const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.sql.gz'));
const KEPT = ['agency', 'app_user', 'source', 'event', 'incident', 'incident_event', 'audit_log', 'evidence_case', 'evidence_item', 'custody_log'];

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  const name = `rtcc_upgrade_${crypto.randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(inject('adminDatabaseUrl'));
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const counts = async (pool: pg.Pool) =>
  Object.fromEntries(await Promise.all(KEPT.map(async (t) => [t, (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`)).rows[0]!.n])));

describe('upgrades', () => {
  expect(fixtures.length).toBeGreaterThan(0);
  for (const fixture of fixtures) {
    it(`migrates a database made by release ${fixture.replace(/\.sql\.gz$/, '')} with its data intact`, async () => {
      await withDatabase(async (url) => {
        const pool = new pg.Pool({ connectionString: url, max: 2 });
        pool.on('error', () => {}); // the database is dropped (FORCE) right after
        try {
          const c = await pool.connect();
          await c.query(zlib.gunzipSync(fs.readFileSync(path.join(dir, fixture))).toString('utf8'));
          // pg_dump empties search_path for its session; this pooled client goes back without it.
          c.release(true);
          const before = await counts(pool);
          expect(before.event).toBeGreaterThan(0);
          const eventsBefore = (await pool.query('SELECT seq::text, external_id, title, lat, lon, payload FROM event ORDER BY seq')).rows;

          const applied = await applyMigrations(url);
          const shipped = fs.readdirSync('prisma/migrations', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
          const recorded = (await pool.query<{ n: string }>('SELECT migration_name AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY 1')).rows.map((r) => r.n);
          expect(recorded).toEqual(shipped);
          console.log(`${fixture}: ${applied.length} migration(s) applied on upgrade (${applied.join(', ') || 'none: schema unchanged since'}); rows ${JSON.stringify(before)}`);

          expect(await counts(pool)).toEqual(before);
          expect((await pool.query('SELECT seq::text, external_id, title, lat, lon, payload FROM event ORDER BY seq')).rows).toEqual(eventsBefore);
          const chain = await verifyAuditChain(pool);
          expect(chain.ok).toBe(true);
          expect(chain.rows).toBe(before.audit_log);
          // Today's read path maps the old rows to today's DTOs.
          const rows = await readEventsAfter(pool, 0n, { limit: 1000 });
          expect(rows.length).toBe(before.event);
          // New rows continue after the old ones.
          const next = await pool.query<{ s: string }>(`SELECT nextval(pg_get_serial_sequence('event', 'seq'))::text AS s`);
          expect(BigInt(next.rows[0]!.s)).toBeGreaterThan(BigInt(eventsBefore.at(-1)!.seq));
        } finally {
          await pool.end();
        }
      });
    }, 120_000);
  }
});
