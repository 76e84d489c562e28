import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

// The audit log and a case's custody log cannot be trimmed at the end undetected: the app runs as a role that
// neither owns the tables nor is superuser (so it cannot disable the append-only triggers), and both chains'
// heads are anchored outside the database (signed checkpoints in DATA_DIR; a case's head in its share manifest).
let app: TestApp;
let dataDir: string;
let cookie: string;

const run = (script: string, args: string[] = []) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, DATABASE_URL: app.db.url, DATA_DIR: dataDir },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

async function checkpoints(): Promise<{ audit?: { id: string; hash: string } | null; cases?: Record<string, { id: string; hash: string }> }[]> {
  const text = await fs.readFile(path.join(dataDir, 'audit-checkpoints.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as never);
}

/** Wait until a checkpoint names the audit head and (when given) this case's custody head. */
async function anchored(caseId?: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const head = (await app.db.pool.query<{ id: string }>('SELECT max(id)::text AS id FROM audit_log')).rows[0]!.id;
    const custody = caseId ? (await app.db.pool.query<{ id: string }>('SELECT max(id)::text AS id FROM custody_log WHERE case_id = $1', [caseId])).rows[0]!.id : null;
    const cps = await checkpoints();
    const auditOk = cps.some((c) => c.audit?.id === head);
    const caseOk = !caseId || cps.some((c) => c.cases?.[caseId]?.id === custody);
    if (auditOk && caseOk) return;
    if (Date.now() > deadline) throw new Error(`no checkpoint for audit ${head} / custody ${custody} in 20 s: ${JSON.stringify(cps.slice(-3))}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-anchor-'));
  app = await startTestApp({ DATA_DIR: dataDir, AUDIT_CHECKPOINT_SECONDS: '1' });
  cookie = (await app.signIn('detective')).cookie;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const post = (p: string, body: unknown) =>
  fetch(`${app.url}${p}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('database role and external chain heads', () => {
  it('the app connects as a role that neither owns the tables nor is superuser, and cannot disable the triggers', async () => {
    // Every session on this database but the test's own (the owner's fixtures pool) is the server's.
    const sessions = await app.db.pool.query<{ usename: string; usesuper: boolean; owns: boolean }>(
      `SELECT DISTINCT a.usename, u.usesuper, (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log') = a.usename AS owns
         FROM pg_stat_activity a JOIN pg_user u ON u.usename = a.usename
        WHERE a.datname = current_database() AND a.usename <> current_user`,
    );
    expect(sessions.rows.length).toBeGreaterThan(0);
    for (const s of sessions.rows) expect(s, JSON.stringify(s)).toMatchObject({ usesuper: false, owns: false });

    const asApp = new pg.Client({ connectionString: app.db.appUrl });
    await asApp.connect();
    try {
      await expect(asApp.query('ALTER TABLE audit_log DISABLE TRIGGER USER')).rejects.toThrow(/owner/);
      await expect(asApp.query('ALTER TABLE custody_log DISABLE TRIGGER USER')).rejects.toThrow(/owner/);
      await expect(asApp.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied|append-only/);
      // It still does its job: it reads and appends.
      expect((await asApp.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBeGreaterThan(0);
    } finally {
      await asApp.end();
    }
  });

  it('audit:verify detects newest audit rows deleted by the owner with the trigger disabled', async () => {
    // A few audited actions (sign-ins), then a signed checkpoint naming the head.
    const det = await makeUser(app.db.pool, (await makeAgency(app.db.pool)).id, 'detective');
    for (let i = 0; i < 3; i++) await app.login(det.username, det.password);
    await anchored();
    expect((await run('scripts/audit-verify.ts')).code).toBe(0);

    const { rows } = await app.db.pool.query<{ id: string }>('SELECT id::text AS id FROM audit_log ORDER BY id DESC LIMIT 2');
    const owner = new pg.Client({ connectionString: app.db.url });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await owner.query('DELETE FROM audit_log WHERE id >= $1', [rows[1]!.id]);
      await owner.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      await owner.query('COMMIT');
    } finally {
      await owner.end();
    }
    // New rows appended after the trim (ids past the removed ones, another checkpoint) do not hide it.
    await app.login(det.username, det.password);
    await new Promise((r) => setTimeout(r, 2500));
    const after = await run('scripts/audit-verify.ts');
    expect(after.code, after.out).toBe(1);
    expect(after.out).toMatch(/checkpoint/i);
  });

  it('evidence:verify detects a case whose newest custody rows were deleted (checkpoint and share-manifest head)', async () => {
    const created = await post('/api/cases', { title: 'Anchor test case' });
    expect(created.status, await created.clone().text()).toBe(201);
    const { case: c } = (await created.json()) as { case: { id: string; number: string } };
    for (let i = 0; i < 3; i++) expect((await post(`/api/cases/${c.id}/notes`, { title: `Note ${i}`, text: `text ${i}` })).status).toBe(201);
    const share = (await (await post(`/api/cases/${c.id}/shares`, { recipientName: 'A. Attorney' })).json()) as { token: string };
    const zip = Buffer.from(await (await fetch(`${app.url}/api/share/${share.token}/package.zip`)).arrayBuffer());
    const manifest = JSON.parse(await unzipEntry(zip, 'manifest.json')) as { custodyHead?: { hash: string } };
    expect(manifest.custodyHead?.hash).toMatch(/^[0-9a-f]{64}$/);
    await anchored(c.id);
    expect((await run('scripts/evidence-verify.ts', [c.number])).code).toBe(0);

    const owner = new pg.Client({ connectionString: app.db.url });
    await owner.connect();
    try {
      const newest = (await owner.query<{ id: string }>('SELECT id::text AS id FROM custody_log WHERE case_id = $1 ORDER BY id DESC LIMIT 2', [c.id])).rows;
      await owner.query('BEGIN');
      await owner.query('ALTER TABLE custody_log DISABLE TRIGGER USER');
      await owner.query('DELETE FROM custody_log WHERE case_id = $1 AND id >= $2', [c.id, newest[1]!.id]);
      await owner.query('ALTER TABLE custody_log ENABLE TRIGGER USER');
      await owner.query('COMMIT');
    } finally {
      await owner.end();
    }
    const trimmed = await run('scripts/evidence-verify.ts', [c.number]);
    expect(trimmed.code, trimmed.out).toBe(1);
    expect(trimmed.out).toMatch(/checkpoint/i);
    const withHead = await run('scripts/evidence-verify.ts', [c.number, '--head', manifest.custodyHead!.hash]);
    expect(withHead.code, withHead.out).toBe(1);
    expect(withHead.out).toMatch(/head/i);
  });

  it('the transparency page publishes the signed checkpoints and their public key', async () => {
    const html = await (await fetch(`${app.url}/transparency`)).text();
    const cps = await checkpoints();
    expect(cps.length).toBeGreaterThan(0);
    expect(html).toContain('Audit checkpoints');
    expect(html).toContain((cps[cps.length - 1] as { audit: { hash: string } }).audit.hash);
  });
});

/** One stored (or deflated) entry of a ZIP, by name, read with `unzip -p`. */
async function unzipEntry(zip: Buffer, name: string): Promise<string> {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-zip-')), 'p.zip');
  await fs.writeFile(file, zip);
  const { stdout } = await promisify(execFile)('unzip', ['-p', file, name], { maxBuffer: 50 * 1024 * 1024 });
  await fs.rm(path.dirname(file), { recursive: true, force: true });
  return stdout;
}
