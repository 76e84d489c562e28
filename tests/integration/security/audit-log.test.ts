import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '@/lib/audit/audit';
import { auditHead, verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { createTestDb, type TestDb } from '../../helpers/test-db';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.drop();
});

describe('audit log', () => {
  it('chains rows, refuses UPDATE/DELETE/TRUNCATE, and names an edited row', async () => {
    const actor = { id: '00000000-0000-4000-8000-000000000001', username: 'alice', agencyId: null as unknown as string };
    // Concurrent appends must still form one chain with no fork.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit(db.pool, { actor: { ...actor, agencyId: undefined }, action: 'incident.read', targetType: 'incident', targetId: `i-${i}`, ip: '127.0.0.1', outcome: 'allow', details: { b: 2, a: [1, { z: 1, y: null }] } }),
      ),
    );
    const ok = await verifyAuditChain(db.pool);
    expect(ok, ok.reason).toMatchObject({ ok: true, rows: 20 });
    expect(ok.headHash).toBe((await auditHead(db.pool))!.hash);

    const { rows } = await db.pool.query<{ id: string; prev_hash: string; hash: string }>('SELECT id::text AS id, prev_hash, hash FROM audit_log ORDER BY audit_log.id');
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);

    await expect(db.pool.query(`UPDATE audit_log SET outcome = 'deny' WHERE id = $1`, [rows[5]!.id])).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM audit_log WHERE id = $1', [rows[5]!.id])).rejects.toThrow(/append-only/);
    await expect(db.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(20);

    // A superuser can get around the trigger; the chain still shows where.
    const victim = rows[7]!.id;
    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await db.pool.query(`UPDATE audit_log SET ip = '10.9.9.9' WHERE id = $1`, [victim]);
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    const bad = await verifyAuditChain(db.pool);
    expect(bad).toMatchObject({ ok: false, firstBrokenId: victim });
    expect(bad.reason).toMatch(/edited/);

    // The CLI reports the same row and exits 1.
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      env: { ...process.env, DATABASE_URL: db.url },
    });
    const failure = await run.then(() => null, (e: { code: number; stderr: string }) => e);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`row id ${victim}`);
  });

  it('detects a deleted row as a broken link at the row after the gap', async () => {
    const fresh = await createTestDb();
    try {
      const a = await audit(fresh.pool, { actorLabel: 'system:test', action: 'test.a', outcome: 'allow' });
      const b = await audit(fresh.pool, { actorLabel: 'system:test', action: 'test.b', outcome: 'deny' });
      await audit(fresh.pool, { actorLabel: 'system:test', action: 'test.c', outcome: 'error' });
      expect((await verifyAuditChain(fresh.pool)).ok).toBe(true);
      await fresh.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
      await fresh.pool.query('DELETE FROM audit_log WHERE id = $1', [a.id]);
      await fresh.pool.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
      const report = await verifyAuditChain(fresh.pool);
      expect(report).toMatchObject({ ok: false, firstBrokenId: b.id });
      expect(report.reason).toMatch(/removed/);
    } finally {
      await fresh.drop();
    }
  });
});
