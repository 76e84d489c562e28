import type pg from 'pg';
import { canonicalJson, custodyHash, GENESIS_HASH } from './custody-hash';
import { withTransaction } from '@/lib/platform/db/with-transaction';

export type CustodyAction =
  | 'created'
  | 'added'
  | 'viewed'
  | 'downloaded'
  | 'exported'
  | 'shared'
  | 'share_revoked'
  | 'share_accessed'
  | 'verified'
  | 'integrity_failed'
  | 'footage_requested'
  | 'footage_approved'
  | 'footage_declined'
  | 'footage_uploaded';

/** Who touched the evidence and from where. `actor` is typed ("user:<id>", "share:<id>", "owner:<id>", "system"). */
export interface CustodyActor {
  actor: string;
  actorName: string;
  ip: string | null;
}

export const userActor = (u: { id: string; displayName: string }, ip: string | null): CustodyActor => ({
  actor: `user:${u.id}`,
  actorName: u.displayName,
  ip,
});

export interface CustodyEntry {
  caseId: string;
  itemId?: string | null;
  action: CustodyAction;
  details?: Record<string, unknown>;
}

/**
 * Append one row to a case's custody chain inside the caller's transaction (so the row commits with the work it
 * records). A per-case advisory lock serialises appends; the database trigger refuses any row that does not
 * extend the current head.
 */
export async function appendCustody(client: pg.PoolClient, who: CustodyActor, e: CustodyEntry): Promise<{ id: string; hash: string }> {
  await client.query('SELECT pg_advisory_xact_lock(7261600, hashtext($1))', [e.caseId]);
  const head = await client.query<{ hash: string }>('SELECT hash FROM custody_log WHERE case_id = $1 ORDER BY id DESC LIMIT 1', [e.caseId]);
  const prevHash = head.rows[0]?.hash ?? GENESIS_HASH;
  // Round-trip the details through canonical JSON: what is hashed is exactly what jsonb hands back.
  const details = JSON.parse(canonicalJson(e.details ?? {})) as unknown;
  const fields = {
    caseId: e.caseId,
    itemId: e.itemId ?? null,
    actor: who.actor.slice(0, 200),
    actorName: who.actorName.slice(0, 200),
    action: e.action,
    at: new Date().toISOString(),
    ip: who.ip?.slice(0, 64) ?? null,
    details,
  };
  const hash = custodyHash(prevHash, fields);
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO custody_log (case_id, item_id, actor, actor_name, action, at, ip, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) RETURNING id::text`,
    [fields.caseId, fields.itemId, fields.actor, fields.actorName, fields.action, fields.at, fields.ip, canonicalJson(details), prevHash, hash],
  );
  return { id: rows[0]!.id, hash };
}

/** One transaction on a pooled client (the shared helper, under the name evidence code uses). */
export const withTx = withTransaction;

/** Record a custody row on its own (a view, a refused access) outside any other work. */
export function recordCustody(pool: pg.Pool, who: CustodyActor, e: CustodyEntry): Promise<{ id: string; hash: string }> {
  return withTx(pool, (c) => appendCustody(c, who, e));
}
