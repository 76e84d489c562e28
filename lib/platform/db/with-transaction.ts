import type pg from 'pg';

/**
 * Run `fn` in one transaction on a pooled client: COMMIT on success, ROLLBACK on any throw. A client whose
 * transaction failed is destroyed rather than reused (it may be a broken connection after a database restart).
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    failed = err as Error;
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release(failed);
  }
}
