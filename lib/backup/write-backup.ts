import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { evidenceStorage, HashingCounter } from '@/lib/evidence/storage';
import { MANIFEST_FILE, SKIP_TABLES, type Manifest } from './manifest';
import { primaryKeyOrder, tablesInLoadOrder } from './table-order';

/** Counts lines (rows: COPY text escapes newlines inside values) while hashing what passes. */
export class RowCounter extends HashingCounter {
  rows = 0;
  override _transform(chunk: Buffer, enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.rows++;
    super._transform(chunk, enc, done);
  }
}

/**
 * One consistent backup: every table from ONE snapshot (a REPEATABLE READ, READ ONLY transaction), then the evidence
 * files that snapshot references, each re-hashed against its recorded SHA-256 while it is copied (a corrupt file
 * fails the backup instead of being preserved). Files stored after the snapshot are not referenced by it: the next
 * backup takes them. `out` must not exist yet; it is written as `out.partial` and renamed when complete.
 */
export async function writeBackup(client: pg.ClientBase, dataDir: string, out: string, log: (line: string) => void): Promise<Manifest> {
  if (fs.existsSync(out)) throw new Error(`${out} already exists: a backup never overwrites another`);
  const work = `${out}.partial`;
  await fsp.rm(work, { recursive: true, force: true });
  await fsp.mkdir(path.join(work, 'db'), { recursive: true, mode: 0o700 });
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const { rows: mig } = await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1`,
    );
    const tables: Manifest['tables'] = [];
    for (const name of await tablesInLoadOrder(client)) {
      if (SKIP_TABLES.has(name)) continue;
      const order = await primaryKeyOrder(client, name);
      const file = `db/${name}.copy.gz`;
      const counter = new RowCounter();
      const source = client.query(copyTo(`COPY (SELECT * FROM "${name}"${order ? ` ORDER BY ${order}` : ''}) TO STDOUT`));
      await pipeline(source, counter, zlib.createGzip({ level: 1 }), fs.createWriteStream(path.join(work, file)));
      tables.push({ name, file, rows: counter.rows, sha256: counter.hash.digest('hex') });
    }
    const { rows: items } = await client.query<{ key: string; sha256: string; size: string }>(
      'SELECT storage_key AS key, sha256, size::text AS size FROM evidence_item ORDER BY storage_key',
    );
    const { rows: [count] } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log');
    const { rows: [head] } = await client.query<{ id: string; hash: string }>('SELECT id::text AS id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    await client.query('COMMIT');

    const storage = evidenceStorage(dataDir);
    let bytes = 0;
    for (const it of items) {
      const target = path.join(work, 'evidence', it.key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const hasher = new HashingCounter();
      await pipeline(await storage.get(it.key), hasher, fs.createWriteStream(target));
      const actual = hasher.hash.digest('hex');
      if (actual !== it.sha256) throw new Error(`evidence ${it.key}: stored file hashes ${actual}, recorded ${it.sha256}`);
      bytes += hasher.size;
    }
    const keyFile = path.join(dataDir, 'mfa-key');
    let mfaKey: Manifest['mfaKey'] = null;
    if (fs.existsSync(keyFile)) {
      const key = await fsp.readFile(keyFile);
      await fsp.writeFile(path.join(work, 'mfa-key'), key, { mode: 0o600 });
      mfaKey = { sha256: crypto.createHash('sha256').update(key).digest('hex') };
    }
    const manifest: Manifest = {
      format: 'rtcc-backup/1',
      createdAt: new Date().toISOString(),
      migrations: mig.map((m) => m.name),
      tables,
      evidence: { count: items.length, bytes, files: items.map((i) => ({ key: i.key, sha256: i.sha256, size: Number(i.size) })) },
      audit: { rows: Number(count?.n ?? 0), headId: head?.id ?? null, headHash: head?.hash ?? null },
      mfaKey,
    };
    await fsp.writeFile(path.join(work, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await fsp.rename(work, out);
    log(`backup: ${tables.length} tables, ${tables.reduce((n, t) => n + t.rows, 0)} rows, ${items.length} evidence files (${bytes} bytes), audit head ${manifest.audit.headId ?? '-'}`);
    return manifest;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    await fsp.rm(work, { recursive: true, force: true });
    throw err;
  }
}
