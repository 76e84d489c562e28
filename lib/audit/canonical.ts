import crypto from 'node:crypto';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The chain starts from this "previous hash", so the first row is checked like every other. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Deterministic JSON: object keys sorted at every depth, `undefined` members dropped (as JSON.stringify does).
 * PostgreSQL's jsonb reorders keys, so the hash must not depend on key order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The fields of one audit row that the hash covers: everything but the hashes themselves. */
export interface AuditRowFields {
  id: string;
  at: string;
  actorUserId: string | null;
  actorLabel: string;
  agencyId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  outcome: 'allow' | 'deny' | 'error';
  purpose: string | null;
  details: JsonValue;
}

/** hash = sha256(prev_hash || canonical JSON of the row's fields), hex. */
export function auditRowHash(prevHash: string, row: AuditRowFields): string {
  return crypto.createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}
