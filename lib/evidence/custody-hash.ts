import crypto from 'node:crypto';

/** What a custody row's hash covers. The README of every share package documents this exact recipe. */
export interface CustodyFields {
  caseId: string;
  itemId: string | null;
  actor: string;
  actorName: string;
  action: string;
  /** ISO 8601 with milliseconds, UTC (as the timestamptz(3) column returns it). */
  at: string;
  ip: string | null;
  details: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same value always gives the same bytes. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

/** sha256 hex of canonicalJson([prevHash, caseId, itemId, actor, actorName, action, at, ip, details]). */
export function custodyHash(prevHash: string, f: CustodyFields): string {
  const body = canonicalJson([prevHash, f.caseId, f.itemId, f.actor, f.actorName, f.action, f.at, f.ip, f.details]);
  return crypto.createHash('sha256').update(body, 'utf8').digest('hex');
}
