import pg from 'pg';
import { pgConfigFromUrl } from './url';

// bigint columns (seq) arrive as strings: exact, and what the DTOs carry anyway.
export function createPool(url: string, max = 20): pg.Pool {
  const pool = new pg.Pool({
    ...pgConfigFromUrl(url),
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'rtcc',
  });
  // An idle client dying (database restart) must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.warn(`[db] idle client error: ${err.message}`));
  return pool;
}
