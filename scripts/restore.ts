// `npm run restore -- <backup dir>`: bring a fresh instance back (an empty DATABASE_URL database, restored as
// MIGRATION_DATABASE_URL's owner role when set, or a DATA_DIR with no embedded cluster yet), then run `npm run audit:verify` and `npm run evidence:verify -- <case>` to check it.
import fs from 'node:fs';
import path from 'node:path';
import { restoreBackup } from '@/lib/backup/restore-backup';
import { startEmbeddedPostgres } from '@/lib/platform/db/embedded';
import { runTool } from './support/cli-db';

async function main(): Promise<void> {
  const dir = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!dir) throw new Error('usage: npm run restore -- <backup dir>');
  const dataDir = process.env.DATA_DIR || '.data';
  if (!process.env.DATABASE_URL && fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) {
    throw new Error(`${dataDir} already holds a database: restore into a fresh DATA_DIR (or an empty DATABASE_URL database)`);
  }
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(dataDir);
  try {
    // Restoring creates the tables: as their owner (MIGRATION_DATABASE_URL when the app has a role of its own).
    const url = process.env.DATABASE_URL ? process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL : embedded!.url;
    await restoreBackup(path.resolve(dir), url, dataDir, console.log);
  } finally {
    await embedded?.stop();
  }
}

runTool('restore', main);
