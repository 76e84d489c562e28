// npm run evidence:verify -- <case number or id>
// Re-hashes every stored item of the case and recomputes its chain of custody. Exit 0 when intact, 1 on any
// mismatch (each named), 2 on usage or lookup errors. Uses DATABASE_URL, else the embedded PostgreSQL under DATA_DIR.
import { startEmbeddedPostgres } from '@/lib/platform/db/embedded';
import { createPool } from '@/lib/platform/db/pool';
import { findCaseByRef } from '@/lib/evidence/case-rows';
import { evidenceStorage } from '@/lib/evidence/storage';
import { verifyCase } from '@/lib/evidence/verify-case';

async function main(): Promise<number> {
  const ref = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!ref) {
    console.error('usage: npm run evidence:verify -- <case number or id>');
    return 2;
  }
  const dataDir = process.env.DATA_DIR || '.data';
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(dataDir);
  const pool = createPool(process.env.DATABASE_URL ?? embedded!.url, 2);
  try {
    const c = await findCaseByRef(pool, ref);
    const report = await verifyCase(pool, evidenceStorage(dataDir), c.id, null, { actor: 'system', actorName: 'evidence:verify CLI', ip: null });
    console.log(`case ${report.number} (${report.caseId}): ${report.itemsChecked} item(s), ${report.custodyRowsChecked} custody row(s)`);
    for (const p of report.problems) console.log(`  MISMATCH ${p.kind} ${p.ref}: ${p.message}`);
    console.log(report.ok ? 'OK: every item matches its SHA-256 and the custody chain is intact' : `FAILED: ${report.problems.length} problem(s)`);
    return report.ok ? 0 : 1;
  } catch (err) {
    console.error(`evidence:verify: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}

main().then((code) => process.exit(code));
