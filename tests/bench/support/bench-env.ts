import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { hashPassword } from '@/lib/auth/password';
import { startEmbeddedPostgres, type EmbeddedDb } from '@/lib/platform/db/embedded';
import { applyMigrations } from '@/lib/platform/db/migrate';
import { newApiKey } from '@/lib/ingest/api-keys';
import { freePort } from '../../helpers/test-app';
import { ensureBuild } from '../../../scripts/ensure-build';

export interface BenchEnv {
  db: EmbeddedDb;
  pool: pg.Pool;
  dir: string;
  close: () => Promise<void>;
}

/**
 * A fresh embedded PostgreSQL in a temp dir, migrated: benchmarks measure the product as shipped. `keepDir`: the
 * cluster lives there and is kept on close (a bench that seeds a lot reuses it; migrations added since still apply).
 */
export async function benchDatabase(keepDir?: string): Promise<BenchEnv> {
  const dir = keepDir ? path.resolve(keepDir) : await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-bench-'));
  const db = await startEmbeddedPostgres(dir);
  await applyMigrations(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  pool.on('error', () => {}); // the server stopping at the end terminates idle clients
  return {
    db,
    pool,
    dir,
    close: async () => {
      await pool.end();
      await db.stop();
      if (!keepDir) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export async function benchTenant(pool: pg.Pool): Promise<{ agencyId: string; key: string; username: string; password: string }> {
  const agencyId = crypto.randomUUID();
  await pool.query('INSERT INTO agency (id, slug, name) VALUES ($1, $2, $2)', [agencyId, `bench-${agencyId.slice(0, 8)}`]);
  const k = newApiKey();
  await pool.query(
    `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'cad', 'bench', $3, $4)`,
    [crypto.randomUUID(), agencyId, k.hash, k.hint],
  );
  const username = `bench-${agencyId.slice(0, 8)}`;
  const password = 'bench-password-123';
  await pool.query(
    `INSERT INTO app_user (id, agency_id, username, display_name, role, password_hash) VALUES ($1, $2, $3, 'Bench', 'operator', $4)`,
    [crypto.randomUUID(), agencyId, username, await hashPassword(password)],
  );
  return { agencyId, key: k.key, username, password };
}

/**
 * The V8 flags `npm start` and the Dockerfile run the server with (keep the three in step): a 32 MB young
 * generation, so that a request's parsed batch dies young instead of being promoted and marked (bench:ingest,
 * back to back: 23.6–25.1k events/s with it, 22.7–24.4k without).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

/** The real server process on the given database, run as `npm start` runs it. */
export async function benchServer(databaseUrl: string, env: Record<string, string> = {}): Promise<{ url: string; proc: ChildProcess; stop: () => Promise<void> }> {
  ensureBuild((m) => console.log(m)); // a fresh clone has no web build yet
  // A given PORT (a cluster node restarted where the balancer expects it) or a free one.
  const port = Number(env.PORT) || (await freePort());
  // BENCH_PROFILE=<dir>: the server's V8 CPU profile is written there (open in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const proc = spawn(process.execPath, [...profile, ...SERVER_NODE_FLAGS, '--import', 'tsx', 'server.ts'], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1',
      RTCC_EXIT_WITH_PARENT: '1', DATABASE_URL: databaseUrl, HOST: '127.0.0.1', DEMO: '0', ADMIN_PASSWORD: 'bench-admin-password', INGEST_RATE_PER_SEC: '1000000', INGEST_BURST: '1000000', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('console ready at')) resolve();
    });
    proc.once('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    proc,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await done;
    },
  };
}
