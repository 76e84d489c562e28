import pg from 'pg';

/**
 * Wait until the database accepts connections (a compose stack starts both at once; a restarted server takes a
 * moment). Gives up after `timeoutMs` with the last error.
 */
export async function waitForDatabase(url: string, timeoutMs = 30_000, log: (m: string) => void = () => {}): Promise<void> {
  const t0 = Date.now();
  for (let attempt = 0; ; attempt++) {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      await c.end();
      return;
    } catch (err) {
      await c.end().catch(() => {});
      if (Date.now() - t0 > timeoutMs) throw err;
      if (attempt === 0) log(`[db] waiting for the database: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
    }
  }
}
