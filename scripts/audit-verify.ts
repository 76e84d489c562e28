// `npm run audit:verify [-- --head <hash> | --head <id>:<hash>]`: recompute the audit hash chain and name the
// first broken link, then check that the chain still holds the newest signed checkpoint's head
// (DATA_DIR/audit-checkpoints.jsonl) and any head given with --head (copied from the transparency page).
// Exit 1 when broken or trimmed.
import { checkHead, currentDatabase, missingHeads, readCheckpoints, recordedHeads } from '../lib/audit/checkpoints';
import { verifyAuditChain } from '../lib/audit/verify-audit-chain';
import { runWithDatabase } from './support/cli-db';

function headArg(): { id?: string; hash: string } | null {
  const i = process.argv.indexOf('--head');
  const v = i > 0 ? process.argv[i + 1] : undefined;
  if (!v) return null;
  const [a, b] = v.split(':');
  return b ? { id: a, hash: b } : { hash: a! };
}

runWithDatabase('audit:verify', async (pool, dataDir) => {
  const t0 = Date.now();
  const report = await verifyAuditChain(pool);
  const ms = Date.now() - t0;
  if (!report.ok) {
    console.error(`audit chain BROKEN at row id ${report.firstBrokenId}: ${report.reason} (${report.rows} rows read)`);
    return 1;
  }
  const rowHash = async (h: { id?: string; hash: string }) =>
    (h.id
      ? await pool.query<{ hash: string }>('SELECT hash FROM audit_log WHERE id = $1', [h.id])
      : await pool.query<{ hash: string }>('SELECT hash FROM audit_log WHERE hash = $1 LIMIT 1', [h.hash])
    ).rows[0]?.hash ?? null;
  const { checkpoints, bad } = await readCheckpoints(dataDir, await currentDatabase(pool));
  const problems: string[] = [];
  if (bad) problems.push(`${bad} checkpoint line(s) in ${dataDir}/audit-checkpoints.jsonl fail their signature`);
  const heads = recordedHeads(checkpoints, (c) => c.audit);
  const missing = await missingHeads(heads, async (ids) => {
    const { rows } = await pool.query<{ id: string; hash: string }>('SELECT id::text AS id, hash FROM audit_log WHERE id = ANY($1::bigint[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.hash]));
  });
  for (const p of missing.slice(0, 20)) problems.push(`checkpoint: ${p}`);
  if (missing.length > 20) problems.push(`… and ${missing.length - 20} more checkpointed heads`);
  const latest = heads.at(-1);
  const given = headArg();
  if (given) {
    const p = await checkHead(given, rowHash);
    if (p) problems.push(`--head: ${p}`);
  }
  if (problems.length) {
    for (const p of problems) console.error(`audit chain TRIMMED or REWRITTEN: ${p}`);
    return 1;
  }
  const anchored = latest ? `; holds all ${heads.length} checkpointed heads, the newest of ${latest.at} (row ${latest.id})` : '; no checkpoint found to compare with';
  console.log(`audit chain OK: ${report.rows} rows verified in ${ms} ms; head hash ${report.headHash ?? '(empty log)'}${anchored}${given ? '; holds the given head' : ''}`);
  return 0;
});
