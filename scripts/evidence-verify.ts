// npm run evidence:verify -- <case number or id> [--head <custody head hash from a share manifest>]
// Re-hashes every stored item of the case and recomputes its chain of custody, then checks that the chain still
// holds the case's head in the newest signed checkpoint (DATA_DIR/audit-checkpoints.jsonl) and the --head given
// (a trimmed tail). Exit 0 when intact, 1 on any mismatch (each named), 2 on usage or lookup errors. Uses DATABASE_URL, else the embedded PostgreSQL under DATA_DIR.
import { findCaseByRef } from '@/lib/evidence/case-rows';
import { evidenceStorage } from '@/lib/evidence/storage';
import { verifyCase } from '@/lib/evidence/verify-case';
import { checkHead, currentDatabase, missingHeads, readCheckpoints, recordedHeads } from '@/lib/audit/checkpoints';
import type pg from 'pg';
import { runWithDatabase } from './support/cli-db';

/** The case's custody heads recorded outside the database (newest checkpoint, a manifest's head) still in its chain? */
async function custodyHeadProblems(pool: pg.Pool, dataDir: string, caseId: string, given?: string): Promise<string[]> {
  const rowHash = async (h: { id?: string; hash: string }) =>
    (h.id
      ? await pool.query<{ hash: string }>('SELECT hash FROM custody_log WHERE case_id = $1 AND id = $2', [caseId, h.id])
      : await pool.query<{ hash: string }>('SELECT hash FROM custody_log WHERE case_id = $1 AND hash = $2 LIMIT 1', [caseId, h.hash])
    ).rows[0]?.hash ?? null;
  const problems: string[] = [];
  const { checkpoints, bad } = await readCheckpoints(dataDir, await currentDatabase(pool));
  if (bad) problems.push(`${bad} checkpoint line(s) fail their signature`);
  const missing = await missingHeads(recordedHeads(checkpoints, (c) => c.cases[caseId]), async (ids) => {
    const { rows } = await pool.query<{ id: string; hash: string }>(
      'SELECT id::text AS id, hash FROM custody_log WHERE case_id = $1 AND id = ANY($2::bigint[])',
      [caseId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.hash]));
  });
  for (const p of missing) problems.push(`checkpoint: ${p}`);
  const p2 = given ? await checkHead({ hash: given }, rowHash) : null;
  if (p2) problems.push(`--head: ${p2}`);
  return problems;
}

const args = process.argv.slice(2);
const h = args.indexOf('--head');
const givenHead = h >= 0 ? args[h + 1] : undefined;
const ref = args.find((a, i) => !a.startsWith('-') && (h < 0 || i !== h + 1));
if (!ref) {
  console.error('usage: npm run evidence:verify -- <case number or id>');
  process.exit(2);
}

runWithDatabase('evidence:verify', async (pool, dataDir) => {
  const c = await findCaseByRef(pool, ref);
  const trimmed = await custodyHeadProblems(pool, dataDir, c.id, givenHead);
  const report = await verifyCase(pool, evidenceStorage(dataDir), c.id, null, { actor: 'system', actorName: 'evidence:verify CLI', ip: null });
  console.log(`case ${report.number} (${report.caseId}): ${report.itemsChecked} item(s), ${report.custodyRowsChecked} custody row(s)`);
  for (const p of report.problems) console.log(`  MISMATCH ${p.kind} ${p.ref}: ${p.message}`);
  for (const p of trimmed) console.log(`  TRIMMED custody: ${p}`);
  const ok = report.ok && trimmed.length === 0;
  console.log(ok ? 'OK: every item matches its SHA-256 and the custody chain is intact' : `FAILED: ${report.problems.length + trimmed.length} problem(s)`);
  return ok ? 0 : 1;
});
