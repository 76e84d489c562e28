// The frame of a command-line tool that needs the database: DATABASE_URL's server when set, else the embedded
// PostgreSQL under DATA_DIR (the console stopped: one PostgreSQL per data directory). The tool's body returns its exit
// code; an error it throws prints one line under the tool's name and exits 2.
import type { Pool } from 'pg';
import { startEmbeddedPostgres } from '../../lib/platform/db/embedded';
import { createPool } from '../../lib/platform/db/pool';

/** Run a tool's `main`: exit 0 when it resolves; when it throws, one line `<name> failed: <message>` and exit 1. */
export function runTool(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}

export function runWithDatabase(name: string, body: (pool: Pool, dataDir: string) => Promise<number>): void {
  const run = async (): Promise<number> => {
    const dataDir = process.env.DATA_DIR || '.data';
    const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(dataDir);
    const pool = createPool(process.env.DATABASE_URL || embedded!.url, 2);
    try {
      return await body(pool, dataDir);
    } finally {
      await pool.end();
      await embedded?.stop();
    }
  };
  run().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`${name} failed:`, err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
