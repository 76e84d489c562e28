// `npm run audit:verify`: recompute the audit hash chain and name the first broken link. Exit 1 when broken.
import { verifyAuditChain } from '../lib/audit/verify-audit-chain';
import { startEmbeddedPostgres } from '../lib/platform/db/embedded';
import { createPool } from '../lib/platform/db/pool';

async function main(): Promise<number> {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(process.env.DATA_DIR || '.data');
  const pool = createPool(process.env.DATABASE_URL || embedded!.url, 2);
  try {
    const t0 = Date.now();
    const report = await verifyAuditChain(pool);
    const ms = Date.now() - t0;
    if (report.ok) {
      console.log(`audit chain OK: ${report.rows} rows verified in ${ms} ms; head hash ${report.headHash ?? '(empty log)'}`);
      return 0;
    }
    console.error(`audit chain BROKEN at row id ${report.firstBrokenId}: ${report.reason} (${report.rows} rows read)`);
    return 1;
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('audit:verify failed:', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
