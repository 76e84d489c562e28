import type pg from 'pg';
import type { SessionUser } from '@/lib/auth/session-user';
import { liveAgenciesFor } from '@/lib/policy/socket-guard';

export interface QueueAgency {
  id: string;
  name: string;
}

/**
 * The agencies whose incidents can reach this user's live queue (its own, then partners sharing `layers`, the same
 * set the socket joins), with names for the queue's agency filter.
 */
export async function queueAgencies(pool: pg.Pool, user: SessionUser): Promise<QueueAgency[]> {
  const ids = await liveAgenciesFor(pool, user);
  const { rows } = await pool.query<QueueAgency>('SELECT id, name FROM agency WHERE id = ANY($1::uuid[]) ORDER BY (id = $2) DESC, name', [ids, user.agencyId]);
  return rows;
}
