import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/test-app';
import { waitForServerReady } from '../../../scripts/support/server-ready';

// A clone that only root can read (under /root, or a `mktemp -d` folder, as CI's may be): the embedded PostgreSQL
// runs as the unprivileged `postgres` user, which must still reach its binaries and its cluster.
const repo = process.cwd();
let dir = '';
let pgHome = '';

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  if (pgHome) await fs.rm(pgHome, { recursive: true, force: true });
});

/** The working tree's files (tracked and new, not ignored), with node_modules and the build as hard links (1 s). */
async function privateClone(): Promise<string> {
  await fs.mkdir(path.join(repo, 'tests/.artifacts'), { recursive: true });
  dir = await fs.mkdtemp(path.join(repo, 'tests/.artifacts', 'private-'));
  await fs.chmod(dir, 0o700);
  const clone = path.join(dir, 'rtcc');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    const st = await fs.stat(f).catch(() => null);
    if (!st?.isFile()) continue; // deleted in the working tree
    await fs.mkdir(path.join(clone, path.dirname(f)), { recursive: true });
    await fs.copyFile(f, path.join(clone, f));
  }
  execFileSync('cp', ['-al', 'node_modules', '.next', clone]);
  return clone;
}

describe('a clone only root can read', () => {
  it('starts with the embedded PostgreSQL (binaries and cluster placed where its user can reach them)', async () => {
    const clone = await privateClone();
    pgHome = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-pg-home-'));
    await fs.chmod(pgHome, 0o755);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      RTCC_EXIT_WITH_PARENT: '1',
      RTCC_PG_HOME: pgHome,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: '0',
      ADMIN_PASSWORD: 'admin-password-for-tests',
    };
    delete env.DATABASE_URL;
    delete env.DATA_DIR; // the default, .data inside the private clone
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const { output, exited } = await waitForServerReady(proc, 90_000).catch((err: Error) => (proc.kill('SIGKILL'), Promise.reject(err)));
    const res = await fetch(`http://127.0.0.1:${port}/api/ready`);
    expect(res.status, output()).toBe(200);
    proc.kill('SIGTERM');
    expect(await exited, output()).toBe(0);
    if (process.getuid?.() === 0) {
      // Root: the cluster lives under RTCC_PG_HOME, not in the clone the postgres user cannot enter.
      const clusters = await fs.readdir(path.join(pgHome, 'clusters'));
      expect(clusters).toHaveLength(1);
      await expect(fs.stat(path.join(pgHome, 'clusters', clusters[0]!, 'pg', 'PG_VERSION'))).resolves.toBeTruthy();
    }
  }, 150_000);
});
