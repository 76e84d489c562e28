// Audit log throughput: appends/s (group-committed under the chain lock, N concurrent writers) and verification rows/s.
// Usage: DATABASE_URL=postgres://…/postgres tsx tests/bench/audit.ts [rows] [writers]. Makes and drops its own database.
import crypto from 'node:crypto';
import pg from 'pg';
import { audit } from '../../lib/audit/audit';
import { verifyAuditChain } from '../../lib/audit/verify-audit-chain';
import { startEmbeddedPostgres } from '../../lib/platform/db/embedded';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { createPool } from '../../lib/platform/db/pool';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 5000);
  const writers = Number(process.argv[3] ?? 32);
  const dir = `/tmp/rtcc-bench-audit-${crypto.randomBytes(3).toString('hex')}`;
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(dir);
  const admin = process.env.DATABASE_URL ?? embedded!.url;
  const name = `rtcc_bench_${crypto.randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  await applyMigrations(u.toString());
  const pool = createPool(u.toString(), 8);
  try {
    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < rows) {
        const i = next++;
        await audit(pool, { actorLabel: 'bench', action: 'incident.read', targetType: 'incident', targetId: String(i), ip: '127.0.0.1', outcome: 'allow', details: { i } });
      }
    };
    await Promise.all(Array.from({ length: writers }, worker));
    const appendMs = performance.now() - t0;
    const t1 = performance.now();
    const report = await verifyAuditChain(pool);
    const verifyMs = performance.now() - t1;
    if (!report.ok) throw new Error(`chain broken: ${report.reason}`);
    console.log(`appended ${rows} rows in ${appendMs.toFixed(0)} ms; verified in ${verifyMs.toFixed(0)} ms`);
    console.log(JSON.stringify({ rows, writers, appendsPerSec: Math.round(rows / (appendMs / 1000)), verifyRowsPerSec: Math.round(rows / (verifyMs / 1000)) }));
  } finally {
    await pool.end();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
