import type pg from 'pg';
import { auditRowHash, GENESIS_HASH, type AuditRowFields, type JsonValue } from './canonical';

export interface ChainReport {
  ok: boolean;
  /** Rows checked. */
  rows: number;
  /** The first row whose link or content does not match (rows after it cannot be trusted either). */
  firstBrokenId?: string;
  reason?: string;
  headHash: string | null;
}

interface Row {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_label: string;
  agency_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  outcome: AuditRowFields['outcome'];
  purpose: string | null;
  details: JsonValue;
  prev_hash: string;
  hash: string;
}

const PAGE = 5000;

/** Walk the whole chain in id order, recomputing every hash. Memory stays flat: keyset pages of 5,000 rows. */
export async function verifyAuditChain(pool: pg.Pool): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let after = '0';
  let rows = 0;
  for (;;) {
    const page = await pool.query<Row>(
      `SELECT id::text AS id, at, actor_user_id, actor_label, agency_id, action, target_type, target_id, ip, outcome,
              purpose, details, prev_hash, hash
         FROM audit_log WHERE audit_log.id > $1 ORDER BY audit_log.id LIMIT ${PAGE}`,
      [after],
    );
    for (const r of page.rows) {
      rows++;
      if (r.prev_hash !== prev) return broken(rows, r.id, 'prev_hash does not match the previous row (a row was removed or inserted)');
      const expected = auditRowHash(prev, {
        id: r.id,
        at: r.at.toISOString(),
        actorUserId: r.actor_user_id,
        actorLabel: r.actor_label,
        agencyId: r.agency_id,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        ip: r.ip,
        outcome: r.outcome,
        purpose: r.purpose,
        details: r.details,
      });
      if (expected !== r.hash) return broken(rows, r.id, 'row content does not match its hash (the row was edited)');
      prev = r.hash;
    }
    if (page.rows.length < PAGE) break;
    after = page.rows[page.rows.length - 1]!.id;
  }
  return { ok: true, rows, headHash: rows ? prev : null };
}

function broken(rows: number, id: string, reason: string): ChainReport {
  return { ok: false, rows, firstBrokenId: id, reason, headHash: null };
}

/** The newest link: published on the transparency page so outsiders can detect a rewritten history. */
export async function auditHead(pool: pg.Pool): Promise<{ id: string; hash: string; at: Date } | null> {
  const { rows } = await pool.query<{ id: string; hash: string; at: Date }>(
    'SELECT id::text AS id, hash, at FROM audit_log ORDER BY audit_log.id DESC LIMIT 1',
  );
  return rows[0] ?? null;
}
