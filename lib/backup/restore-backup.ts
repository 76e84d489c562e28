import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { HashingCounter } from '@/lib/evidence/storage';
import { applyMigrations } from '@/lib/platform/db/migrate';
import { MANIFEST_FILE, ZManifest, type Manifest } from './manifest';
import { RowCounter } from './write-backup';

export interface RestoreReport {
  manifest: Manifest;
  /** Migrations newer than the backup, applied after its data was loaded (an upgrade). */
  upgraded: string[];
}

async function hashFile(file: string, gunzip = false): Promise<{ sha256: string; rows: number; size: number }> {
  const counter = new RowCounter();
  const drain = async (src: AsyncIterable<Buffer>) => {
    for await (const chunk of src) void chunk;
  };
  if (gunzip) await pipeline(fs.createReadStream(file), zlib.createGunzip(), counter, drain);
  else await pipeline(fs.createReadStream(file), counter, drain);
  return { sha256: counter.hash.digest('hex'), rows: counter.rows, size: counter.size };
}

/** Every file against the manifest before anything is written: a damaged backup is refused whole. */
async function checkBackup(dir: string): Promise<Manifest> {
  const manifest = ZManifest.parse(JSON.parse(await fsp.readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
  for (const t of manifest.tables) {
    const h = await hashFile(path.join(dir, t.file), true);
    if (h.sha256 !== t.sha256 || h.rows !== t.rows) throw new Error(`backup damaged: ${t.file} does not match its manifest entry`);
  }
  for (const f of manifest.evidence.files) {
    const h = await hashFile(path.join(dir, 'evidence', f.key));
    if (h.sha256 !== f.sha256 || h.size !== f.size) throw new Error(`backup damaged: evidence ${f.key} does not match its recorded SHA-256`);
  }
  if (manifest.mfaKey) {
    const key = await fsp.readFile(path.join(dir, 'mfa-key'));
    if (crypto.createHash('sha256').update(key).digest('hex') !== manifest.mfaKey.sha256) throw new Error('backup damaged: mfa-key');
  }
  return manifest;
}

/**
 * Bring a fresh instance back from a backup: the database at `url` must hold no tables. Rebuilds the backup's
 * schema from its own migrations, loads every table in one transaction (parents first), moves sequences past the
 * loaded ids, applies the migrations this release adds (so a restore is also an upgrade), then puts the evidence
 * files (re-hashed) and the TOTP key under `dataDir`.
 */
export async function restoreBackup(dir: string, url: string, dataDir: string, log: (line: string) => void): Promise<RestoreReport> {
  const manifest = await checkBackup(dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
    );
    if (rows[0]!.n !== '0') throw new Error('restore needs a fresh, empty database (this one has tables): create a new one and point DATABASE_URL at it');
    const shipped = path.resolve('prisma/migrations');
    const missing = manifest.migrations.filter((m) => !fs.existsSync(path.join(shipped, m)));
    if (missing.length) throw new Error(`this release does not know the backup's migrations ${missing.join(', ')}: restore with the release that made it`);
    const only = await fsp.mkdtemp(path.join(os.tmpdir(), 'rtcc-restore-migrations-'));
    try {
      for (const m of manifest.migrations) await fsp.cp(path.join(shipped, m), path.join(only, m), { recursive: true });
      await applyMigrations(url, only);
    } finally {
      await fsp.rm(only, { recursive: true, force: true });
    }

    await client.query('BEGIN');
    for (const t of manifest.tables) {
      // A migration may seed a row (a job's cursor): the backup's rows replace it.
      const { rows: seeded } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${t.name}"`);
      if (seeded[0]!.n !== '0') await client.query(`DELETE FROM "${t.name}"`);
      await pipeline(fs.createReadStream(path.join(dir, t.file)), zlib.createGunzip(), client.query(copyFrom(`COPY "${t.name}" FROM STDIN`)));
      const { rows: n } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${t.name}"`);
      if (Number(n[0]!.n) !== t.rows) throw new Error(`${t.name}: loaded ${n[0]!.n} rows, the backup holds ${t.rows}`);
    }
    // Sequences (bigserial ids, seq) continue after the restored rows, not at 1.
    const { rows: seqs } = await client.query<{ tbl: string; col: string; seq: string }>(
      `SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(format('%I', c.relname), a.attname) AS seq
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND pg_get_serial_sequence(format('%I', c.relname), a.attname) IS NOT NULL`,
    );
    for (const s of seqs) {
      await client.query(`SELECT setval($1, coalesce((SELECT max("${s.col}") FROM "${s.tbl}"), 1), (SELECT count(*) > 0 FROM "${s.tbl}"))`, [s.seq]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  const upgraded = await applyMigrations(url);

  const root = path.join(dataDir, 'evidence');
  for (const f of manifest.evidence.files) {
    const target = path.join(root, f.key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.restoring`;
    const h = new HashingCounter();
    await pipeline(fs.createReadStream(path.join(dir, 'evidence', f.key)), h, fs.createWriteStream(tmp, { mode: 0o600 }));
    if (h.hash.digest('hex') !== f.sha256) throw new Error(`evidence ${f.key} changed while restoring`);
    await fsp.rename(tmp, target);
  }
  if (manifest.mfaKey) await fsp.copyFile(path.join(dir, 'mfa-key'), path.join(dataDir, 'mfa-key'));
  log(`restore: ${manifest.tables.length} tables, ${manifest.tables.reduce((n, t) => n + t.rows, 0)} rows, ${manifest.evidence.count} evidence files; migrations applied after: ${upgraded.length ? upgraded.join(', ') : 'none'}`);
  return { manifest, upgraded };
}
