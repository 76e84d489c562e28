import type pg from 'pg';
import { seqReceivedWithin } from '@/lib/realtime/seq-received-since';

/** A seq bound for "received in the last `hours`" (see lib/realtime/seq-received-since.ts). */
export function seqReceivedSince(db: pg.Pool | pg.PoolClient, hours: number): Promise<bigint> {
  return seqReceivedWithin(db, hours * 60);
}
