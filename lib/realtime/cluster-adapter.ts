import type pg from 'pg';
import { createAdapter as createPgAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Env } from '@/lib/platform/env';
import type { RtccServer } from './gateway';

/**
 * Cross-node broadcasts (incident updates, wall commands, share revocations) for N copies of server.ts:
 * through PostgreSQL by default, through Redis streams when REDIS_URL is set. The event log does not need it:
 * every node tails the log itself and pushes with `io.local`.
 */
export async function attachClusterAdapter(io: RtccServer, env: Env, pool: pg.Pool, log: (m: string) => void): Promise<() => Promise<void>> {
  if (env.CLUSTER_ADAPTER === 'none') return async () => {};
  if (env.REDIS_URL) {
    const client = createClient({ url: env.REDIS_URL });
    client.on('error', (err: Error) => log(`[cluster] redis: ${err.message}`));
    await client.connect();
    io.adapter(createRedisAdapter(client));
    log('[cluster] Socket.IO adapter: Redis streams');
    return async () => {
      await client.quit().catch(() => {});
    };
  }
  io.adapter(createPgAdapter(pool, { errorHandler: (err) => log(`[cluster] postgres adapter: ${err.message}`) }));
  return async () => {};
}
