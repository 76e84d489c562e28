import type pg from 'pg';
import { findCase, listCustody, listItems, toCustodyDto } from './case-rows';
import { appendCustody, withTx, type CustodyActor } from './custody';
import { custodyHash, GENESIS_HASH } from './custody-hash';
import { hashStored, type EvidenceStorage } from './storage';

export interface VerifyProblem {
  kind: 'item' | 'custody';
  /** Item id or custody row id. */
  ref: string;
  message: string;
}

export interface VerifyReport {
  caseId: string;
  number: string;
  ok: boolean;
  itemsChecked: number;
  custodyRowsChecked: number;
  problems: VerifyProblem[];
}

/**
 * Re-hash every stored item against its recorded SHA-256 (and the hash its 'added' custody row recorded, so
 * changing the item row too is caught), then recompute the custody chain row by row. The check itself is
 * appended to the chain ('verified', with the outcome) unless `record` is false.
 */
export async function verifyCase(
  pool: pg.Pool,
  storage: EvidenceStorage,
  caseId: string,
  agencyId: string | null,
  who: CustodyActor | null,
): Promise<VerifyReport> {
  const c = await findCase(pool, caseId, agencyId);
  const [items, custody] = await Promise.all([listItems(pool, c.id), listCustody(pool, c.id)]);
  const problems: VerifyProblem[] = [];

  let prev = GENESIS_HASH;
  const addedHash = new Map<string, string>();
  for (const r of custody) {
    if (r.prev_hash !== prev) problems.push({ kind: 'custody', ref: r.id, message: `custody row ${r.id} (${r.action}) does not follow the previous row: a row before it was changed or removed` });
    const expect = custodyHash(r.prev_hash, { caseId: r.case_id, ...toCustodyDto(r) });
    if (expect !== r.hash) problems.push({ kind: 'custody', ref: r.id, message: `custody row ${r.id} (${r.action} at ${r.at.toISOString()}) was altered: its hash does not match its content` });
    if (r.action === 'added' && r.item_id) {
      const sha = (r.details as { sha256?: unknown } | null)?.sha256;
      if (typeof sha === 'string') addedHash.set(r.item_id, sha);
    }
    prev = r.hash;
  }

  for (const it of items) {
    const label = `item "${it.title}" (${it.id})`;
    const recorded = addedHash.get(it.id);
    if (recorded === undefined) problems.push({ kind: 'item', ref: it.id, message: `${label} has no 'added' custody row` });
    else if (recorded !== it.sha256) problems.push({ kind: 'item', ref: it.id, message: `${label}: its SHA-256 in the database differs from the one recorded when it was added` });
    const actual = await hashStored(storage, it.storage_key);
    if (!actual) problems.push({ kind: 'item', ref: it.id, message: `${label}: stored file is missing` });
    else if (actual.sha256 !== it.sha256 || actual.size !== Number(it.size)) {
      problems.push({ kind: 'item', ref: it.id, message: `${label}: stored file does not match (expected sha256 ${it.sha256}, found ${actual.sha256}, ${actual.size} bytes)` });
    }
  }

  const report: VerifyReport = { caseId: c.id, number: c.number, ok: problems.length === 0, itemsChecked: items.length, custodyRowsChecked: custody.length, problems };
  if (who) {
    await withTx(pool, (client) =>
      appendCustody(client, who, {
        caseId: c.id,
        action: 'verified',
        details: { ok: report.ok, items: items.length, rows: custody.length, problems: problems.slice(0, 20).map((p) => `${p.kind}:${p.ref}`) },
      }),
    );
  }
  return report;
}
