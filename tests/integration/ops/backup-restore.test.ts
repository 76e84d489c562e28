import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { RowCounter } from '@/lib/backup/write-backup';
import { ZManifest, type Manifest } from '@/lib/backup/manifest';
import { makeAgency, makeEvent, makeSource, makeUser, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { sha256, uploadForm } from '../evidence/helpers';

const exec = promisify(execFile);
let app: TestApp;
let work: string;
let restored: { url: string; name: string } | null = null;
let caseNumber = '';
const cli = (script: string, args: string[], env: Record<string, string>) =>
  exec(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-backup-'));
  app = await startTestApp({ DATA_DIR: path.join(work, 'data-a'), MFA_ENCRYPTION_KEY: '' });
  const agency = await makeAgency(app.db.pool);
  const src = await makeSource(app.db.pool, agency.id);
  const det = await makeUser(app.db.pool, agency.id, 'detective');
  const cookie = await app.login(det.username, det.password);
  const base = Date.now() - 3_600_000;
  const seqs: string[] = [];
  for (let b = 0; b < 5; b++) {
    const events = Array.from({ length: 100 }, (_, i) =>
      makeEvent({ occurredAt: new Date(base + (b * 100 + i) * 1000).toISOString(), lat: 37.78 + i * 1e-4, lon: -122.41, payload: { note: `ünïcode\ttab\nline ${i}` } }));
    const res = await fetch(`${app.url}/api/ingest/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${src.key}` }, body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(202);
    seqs.push(...((await res.json()) as { results: { seq: string }[] }).results.map((r) => r.seq));
  }
  const post = (p: string, body: unknown) =>
    fetch(`${app.url}${p}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const created = await post('/api/cases', { title: uid('Robbery'), eventSeqs: seqs.slice(0, 3), searchRef: 'box', purpose: 'offense:robbery' });
  expect(created.status).toBe(201);
  const c = ((await created.json()) as { case: { id: string; number: string } }).case;
  caseNumber = c.number;
  for (const [n, mime] of [[150_000, 'audio/wav'], [40_000, 'image/png']] as const) {
    const bytes = new Uint8Array(randomBytes(n));
    const up = await fetch(`${app.url}/api/cases/${c.id}/items`, { method: 'POST', headers: { cookie }, body: uploadForm(bytes, mime, `f.${mime.split('/')[1]}`) });
    expect(up.status).toBe(201);
    expect(((await up.json()) as { item: { sha256: string } }).item.sha256).toBe(sha256(bytes));
  }
  expect((await post(`/api/cases/${c.id}/notes`, { title: 'Canvass', text: 'Two shots heard.' })).status).toBe(201);
}, 180_000);

afterAll(async () => {
  await app?.stop();
  if (restored) {
    const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${restored.name} WITH (FORCE)`);
    await admin.end();
  }
  if (work) await fs.rm(work, { recursive: true, force: true });
});

async function tableHash(url: string, table: string, order: string): Promise<{ rows: number; sha256: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const counter = new RowCounter();
    const stream = c.query(copyTo(`COPY (SELECT * FROM "${table}" ORDER BY ${order}) TO STDOUT`));
    for await (const chunk of stream.pipe(counter)) void chunk;
    return { rows: counter.rows, sha256: counter.hash.digest('hex') };
  } finally {
    await c.end();
  }
}

describe('backup and restore', () => {
  it('round-trips the database and the evidence store while ingest goes on; audit and evidence verify after', async () => {
    const out = path.join(work, 'backup');
    // Live ingest during the backup: the snapshot must still be one consistent point in time.
    const src = await makeSource(app.db.pool, (await makeAgency(app.db.pool)).id);
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop && i < 200; i++) {
        await fetch(`${app.url}/api/ingest/events`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${src.key}` }, body: JSON.stringify({ events: [makeEvent()] }),
        });
      }
    })();
    const backup = await cli('scripts/backup.ts', [out], { DATABASE_URL: app.db.url, DATA_DIR: path.join(work, 'data-a') });
    stop = true;
    await writer;
    expect(backup.code, backup.out).toBe(0);
    const manifest: Manifest = ZManifest.parse(JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8')));
    const byName = new Map(manifest.tables.map((t) => [t.name, t]));
    expect(byName.get('event')!.rows).toBeGreaterThanOrEqual(500);
    expect(manifest.evidence.count).toBe(6); // three event records, two uploads, the note
    expect(manifest.audit.rows).toBeGreaterThan(0);
    expect(manifest.mfaKey).not.toBeNull();

    // A fresh instance: an empty database and an empty DATA_DIR.
    const name = `rtcc_restored_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(inject('adminDatabaseUrl'));
    u.pathname = `/${name}`;
    restored = { url: u.toString(), name };
    const dataB = path.join(work, 'data-b');
    const restore = await cli('scripts/restore.ts', [out], { DATABASE_URL: restored.url, DATA_DIR: dataB });
    expect(restore.code, restore.out).toBe(0);

    // Every table: the same row count and the same content hash as the backup's manifest.
    const c = new pg.Client({ connectionString: restored.url });
    await c.connect();
    const counts: Record<string, number> = {};
    for (const t of manifest.tables) {
      const pk = await c.query<{ col: string }>(
        `SELECT a.attname AS col FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
          WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`, [`"${t.name}"`]);
      const h = await tableHash(restored.url, t.name, pk.rows.map((r) => `"${r.col}"`).join(', ') || '1');
      expect(h, t.name).toEqual({ rows: t.rows, sha256: t.sha256 });
      counts[t.name] = t.rows;
    }
    // Ids continue after the restored ones.
    const next = await c.query<{ seq: string }>(`SELECT nextval(pg_get_serial_sequence('event', 'seq'))::text AS seq`);
    const maxSeq = await c.query<{ m: string }>('SELECT max(seq)::text AS m FROM event');
    expect(BigInt(next.rows[0]!.seq)).toBeGreaterThan(BigInt(maxSeq.rows[0]!.m));
    await c.end();
    for (const f of manifest.evidence.files) {
      expect(sha256(await fs.readFile(path.join(dataB, 'evidence', f.key)))).toBe(f.sha256);
    }
    expect(sha256(await fs.readFile(path.join(dataB, 'mfa-key')))).toBe(manifest.mfaKey!.sha256);

    const audit = await cli('scripts/audit-verify.ts', [], { DATABASE_URL: restored.url });
    expect(audit.code, audit.out).toBe(0);
    expect(audit.out).toContain(`${manifest.audit.rows} rows verified`);
    expect(audit.out).toContain(`head hash ${manifest.audit.headHash}`);
    const evidence = await cli('scripts/evidence-verify.ts', [caseNumber], { DATABASE_URL: restored.url, DATA_DIR: dataB });
    expect(evidence.code, evidence.out).toBe(0);
    console.log(`restore round trip: ${JSON.stringify({ counts, evidence: manifest.evidence.count, evidenceBytes: manifest.evidence.bytes, audit: manifest.audit })}`);

    // A damaged backup is refused whole, before anything is written.
    const file = path.join(out, 'evidence', manifest.evidence.files[0]!.key);
    await fs.appendFile(file, 'x');
    const again = await cli('scripts/restore.ts', [out], { DATABASE_URL: restored.url, DATA_DIR: path.join(work, 'data-c') });
    expect(again.code).toBe(1);
    expect(again.out).toContain('backup damaged');
  }, 240_000);
});
