import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../helpers/test-app';
import { waitForServerReady } from '../../../scripts/support/server-ready';

export interface E2eApp {
  url: string;
  dataDir: string;
  pool: pg.Pool;
  output: () => string;
  /** Stop the server; keepData leaves DATA_DIR for a restart. */
  stop: (opts?: { keepData?: boolean }) => Promise<void>;
}

export const ADMIN_PASSWORD = 'e2e-admin-password-123';

/**
 * The app exactly as `npm start` runs it on a fresh machine: no DATABASE_URL, so an embedded PostgreSQL under a
 * fresh DATA_DIR, migrations applied at boot, the demo city replaying.
 */
export async function startE2eApp(env: Record<string, string> = {}, reuseDataDir?: string, entry = 'server.ts'): Promise<E2eApp> {
  const dataDir = reuseDataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-e2e-')));
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
      RTCC_EXIT_WITH_PARENT: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_PASSWORD,
    // Test cameras are local HTTP servers (the outbound-address policy refuses loopback otherwise).
    OUTBOUND_ALLOW: '127.0.0.1,localhost',
    ...env,
  };
  delete childEnv.DATABASE_URL;
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const { output } = await waitForServerReady(proc, 90_000).catch(async (err: unknown) => {
    // Not left running on its DATA_DIR (its embedded PostgreSQL holds it): a retry may start the app there again.
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const late = setTimeout(() => proc.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(late);
    }
    throw err;
  });
  const info = JSON.parse(await fs.readFile(path.join(dataDir, 'pg-cluster.json'), 'utf8')) as { password: string };
  const pgPort = (await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[3]!.trim();
  const pool = new pg.Pool({ host: '127.0.0.1', port: Number(pgPort), user: 'postgres', password: info.password, database: 'rtcc', max: 3 });
  // The embedded PostgreSQL stops with the server and terminates idle clients: expected, not a test failure.
  pool.on('error', () => {});
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    pool,
    output,
    async stop(opts = {}) {
      await pool.end();
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      if (!opts.keepData) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
