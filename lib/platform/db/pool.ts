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
  // Nor may a checked-out client that dies between two queries (the correlator holds clients across awaits):
  // pg emits 'error' on it, which would be fatal with no listener. The next query on it fails and is handled.
  pool.on('connect', (client) => client.on('error', (err) => console.warn(`[db] connection lost: ${err.message}`)));
  return pool;
}
