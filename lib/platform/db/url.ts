import type { PoolConfig } from 'pg';

/**
 * Split a postgres URL into discrete fields. PrismaPg given a connectionString overrides the shadow
 * database name during `migrate dev`; discrete fields do not.
 */
export function pgConfigFromUrl(url: string): PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || '127.0.0.1',
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || 'postgres',
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
}
