import type pg from 'pg';
import { auditRowHash, canonicalJson, GENESIS_HASH, type AuditRowFields, type JsonValue } from './canonical';
import { withTransaction } from '@/lib/platform/db/with-transaction';

export type AuditOutcome = 'allow' | 'deny' | 'error';

/** Who did it: a signed-in user (SessionUser fits), or a label for the system and anonymous callers. */
export interface AuditActor {
  id: string;
  username: string;
  agencyId?: string;
}

export interface AuditEntry {
  actor?: AuditActor | null;
  /** Shown when there is no user: 'anonymous', 'system:retention', 'source:<id>', the attempted username… */
  actorLabel?: string;
  /** Defaults to the actor's agency. */
  agencyId?: string | null;
  /** Dotted verb: 'auth.login', 'incident.read', 'video.view', 'search.run', 'admin.user.update'… */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  outcome: AuditOutcome;
  purpose?: string | null;
  details?: Record<string, unknown>;
}

/** A pool, a runtime holding one, or a client already inside BEGIN (the row then commits with the caller's work). */
export type AuditTarget = pg.Pool | pg.PoolClient | { pool: pg.Pool };

// One lock for the whole chain: appends are serialised so two rows never share a predecessor (no fork).
const CHAIN_LOCK = 7_261_007;

export interface AuditedRow {
  id: string;
  hash: string;
}

/**
 * Append one row to the hash-chained audit log. Throws if it cannot be written: callers must not skip the trail.
 * Rows from one process are group-committed: while one batch holds the chain lock, the next ones queue, and each
 * caller's promise resolves only after its row is committed.
 */
export async function audit(target: AuditTarget, entry: AuditEntry): Promise<AuditedRow> {
  if ('pool' in target) return audit(target.pool, entry);
  if (isClient(target)) return (await append(target, [toPartial(entry)]))[0]!;
  return enqueue(target, toPartial(entry));
}

function isClient(t: pg.Pool | pg.PoolClient): t is pg.PoolClient {
  return typeof (t as pg.PoolClient).release === 'function';
}

type RowDraft = Omit<AuditRowFields, 'id'>;

interface Pending {
  fields: RowDraft;
  resolve: (row: AuditedRow) => void;
  reject: (err: unknown) => void;
}

interface Queue {
  items: Pending[];
  flushing: boolean;
}

const MAX_BATCH = 500;
// Per pool; each Next.js bundle may hold its own queue, which only means less batching: the lock keeps one chain.
const queues = new WeakMap<pg.Pool, Queue>();

function enqueue(pool: pg.Pool, fields: RowDraft): Promise<AuditedRow> {
  let q = queues.get(pool);
  if (!q) {
    q = { items: [], flushing: false };
    queues.set(pool, q);
  }
  const queue = q;
  return new Promise<AuditedRow>((resolve, reject) => {
    queue.items.push({ fields, resolve, reject });
    if (!queue.flushing) void flush(pool, queue);
  });
}

async function flush(pool: pg.Pool, q: Queue): Promise<void> {
  q.flushing = true;
  try {
    while (q.items.length) {
      const batch = q.items.splice(0, MAX_BATCH);
      try {
        const rows = await withTransaction(pool, (client) => append(client, batch.map((b) => b.fields)));
        batch.forEach((b, i) => b.resolve(rows[i]!));
      } catch (err) {
        batch.forEach((b) => b.reject(err));
      }
    }
  } finally {
    q.flushing = false;
  }
}

/** Chain and insert rows in order, inside the caller's transaction. */
async function append(client: pg.PoolClient, items: RowDraft[]): Promise<AuditedRow[]> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const head = await client.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const ids = await client.query<{ id: string }>(
    `SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id FROM generate_series(1, $1)`,
    [items.length],
  );
  let prev = head.rows[0]?.hash ?? GENESIS_HASH;
  const rows: (AuditRowFields & { prevHash: string; hash: string })[] = items.map((f, i) => {
    const fields: AuditRowFields = { id: ids.rows[i]!.id, ...f };
    const hash = auditRowHash(prev, fields);
    const row = { ...fields, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await client.query(
    `INSERT INTO audit_log (id, at, actor_user_id, actor_label, agency_id, action, target_type, target_id, ip, outcome,
                            purpose, details, prev_hash, hash)
     SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[],
                          $8::text[], $9::text[], $10::text[], $11::text[], $12::jsonb[], $13::text[], $14::text[])`,
    [
      col('id'),
      col('at'),
      col('actorUserId'),
      col('actorLabel'),
      col('agencyId'),
      col('action'),
      col('targetType'),
      col('targetId'),
      col('ip'),
      col('outcome'),
      col('purpose'),
      rows.map((r) => canonicalJson(r.details)),
      col('prevHash'),
      col('hash'),
    ],
  );
  return rows.map((r) => ({ id: r.id, hash: r.hash }));
}

const OUTCOMES = new Set(['allow', 'deny', 'error']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toPartial(e: AuditEntry): RowDraft {
  // Checked before queueing: one malformed entry must not fail a whole batch of other callers' rows.
  if (!OUTCOMES.has(e.outcome)) throw new Error(`audit: invalid outcome ${String(e.outcome)}`);
  if (!e.action) throw new Error('audit: action is required');
  for (const id of [e.actor?.id, e.agencyId ?? e.actor?.agencyId]) {
    if (id && !UUID.test(id)) throw new Error(`audit: ${id} is not a uuid`);
  }
  const { id: _omit, ...rest } = toFields('0', e);
  void _omit;
  return rest;
}

function toFields(id: string, e: AuditEntry): AuditRowFields {
  return {
    id,
    // Millisecond precision, as the timestamptz(3) column stores it, so the hash recomputes exactly.
    at: new Date().toISOString(),
    actorUserId: e.actor?.id ?? null,
    actorLabel: (e.actor?.username ?? e.actorLabel ?? 'anonymous').slice(0, 200),
    agencyId: e.agencyId !== undefined ? e.agencyId : (e.actor?.agencyId ?? null),
    action: e.action.slice(0, 100),
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    ip: e.ip?.slice(0, 64) ?? null,
    outcome: e.outcome,
    purpose: e.purpose?.slice(0, 500) ?? null,
    // Round-trip through canonical JSON: what is hashed is exactly what jsonb will hand back.
    details: JSON.parse(canonicalJson(e.details ?? {})) as JsonValue,
  };
}
