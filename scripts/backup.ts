// `npm run backup -- [dir]`: a consistent backup of the database and the evidence store (default backups/<UTC time>).
// Uses DATABASE_URL, else the embedded PostgreSQL under DATA_DIR (stop `npm start` first? not needed: the snapshot is
// consistent while the console runs). Exit 0 with the manifest summary, 1 on any failure (nothing half-written kept).
import path from 'node:path';
import pg from 'pg';
import { writeBackup } from '@/lib/backup/write-backup';
import { startEmbeddedPostgres } from '@/lib/platform/db/embedded';
import { runTool } from './support/cli-db';

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR || '.data';
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
  const out = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('-')) ?? path.join('backups', stamp));
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(dataDir);
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL || embedded!.url });
  await client.connect();
  try {
    const m = await writeBackup(client, dataDir, out, console.log);
    console.log(`backup written to ${out} (audit head ${m.audit.headId ?? '-'} ${m.audit.headHash ?? ''})`);
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

runTool('backup', main);
