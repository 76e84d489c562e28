import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

// POST /api/cases is all-or-nothing; a share package tells its recipient nothing about other recipients or the
// staff's addresses; a package too big to produce is refused before the export is recorded.
let app: TestApp;
let dataDir: string;
let cookie: string;
let agencyId: string;
const STAFF_IP = '10.77.1.23';
const LIMIT = 4000;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-pkg-'));
  app = await startTestApp({ DATA_DIR: dataDir, TRUST_PROXY: '1', EVIDENCE_PACKAGE_MAX_BYTES: String(LIMIT) });
  agencyId = (await makeAgency(app.db.pool)).id;
  const det = await makeUser(app.db.pool, agencyId, 'detective');
  const res = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': STAFF_IP },
    body: JSON.stringify({ username: det.username, password: det.password }),
  });
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const post = (p: string, body: unknown) =>
  fetch(`${app.url}${p}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-forwarded-for': STAFF_IP }, body: JSON.stringify(body) });
const recipient = (token: string) => fetch(`${app.url}/api/share/${token}/package.zip`, { headers: { 'x-forwarded-for': '198.51.100.7' } });

async function unzipEntry(zip: Buffer, name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-zip-'));
  const file = path.join(dir, 'p.zip');
  await fs.writeFile(file, zip);
  try {
    await promisify(execFile)('unzip', ['-tq', file]);
    return (await promisify(execFile)('unzip', ['-p', file, name], { maxBuffer: 50 * 1024 * 1024 })).stdout;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe('case creation and share packages', () => {
  it('POST /api/cases with an unknown event id answers 400 and commits no case, no custody row', async () => {
    const title = `Unknown events ${Date.now()}`;
    const before = (await app.db.pool.query('SELECT count(*)::int AS n FROM custody_log')).rows[0].n as number;
    // Without a purpose (refused before anything is written) and with one (the unknown event is found out after
    // the case row would have been inserted): neither leaves a case behind.
    for (const extra of [{}, { purpose: 'offense:robbery' }]) {
      const res = await post('/api/cases', { title, eventSeqs: ['987654321012'], ...extra });
      expect(res.status).toBe(400);
    }
    expect((await app.db.pool.query('SELECT count(*)::int AS n FROM evidence_case WHERE title = $1', [title])).rows[0].n).toBe(0);
    expect((await app.db.pool.query('SELECT count(*)::int AS n FROM custody_log')).rows[0].n).toBe(before);
  });

  it("a recipient's manifest names no other recipient and no staff address, and still carries the chain's links", async () => {
    const { case: c } = (await (await post('/api/cases', { title: 'Manifest privacy case' })).json()) as { case: { id: string } };
    expect((await post(`/api/cases/${c.id}/notes`, { title: 'Note', text: 'short' })).status).toBe(201);
    const other = (await (await post(`/api/cases/${c.id}/shares`, { recipientName: 'Other Counsel Zebulon', recipientEmail: 'zebulon@other-firm.example' })).json()) as { token: string };
    expect((await recipient(other.token)).status).toBe(200);
    const mine = (await (await post(`/api/cases/${c.id}/shares`, { recipientName: 'Mine Attorney', recipientEmail: 'mine@firm.example' })).json()) as { token: string };
    const res = await recipient(mine.token);
    expect(res.status).toBe(200);
    const manifest = await unzipEntry(Buffer.from(await res.arrayBuffer()), 'manifest.json');
    expect(manifest).not.toContain('Zebulon');
    expect(manifest).not.toContain('zebulon@other-firm.example');
    expect(manifest).not.toContain(STAFF_IP);
    expect(manifest).toContain('Mine Attorney');
    const m = JSON.parse(manifest) as { custody: { hash: string; prevHash: string }[] };
    for (let i = 1; i < m.custody.length; i++) expect(m.custody[i]!.prevHash).toBe(m.custody[i - 1]!.hash);
  });

  it('a package over the size limit is refused (413) before any custody row says it was exported', async () => {
    const { case: c } = (await (await post('/api/cases', { title: 'Big package case' })).json()) as { case: { id: string } };
    expect((await post(`/api/cases/${c.id}/notes`, { title: 'Long note', text: 'x'.repeat(LIMIT * 2) })).status).toBe(201);
    const share = (await (await post(`/api/cases/${c.id}/shares`, { recipientName: 'Big Recipient' })).json()) as { id: string; token: string };
    const res = await recipient(share.token);
    expect(res.status).toBe(413);
    const exported = await app.db.pool.query(`SELECT count(*)::int AS n FROM custody_log WHERE case_id = $1 AND action = 'exported'`, [c.id]);
    expect(exported.rows[0].n).toBe(0);
  });
});
