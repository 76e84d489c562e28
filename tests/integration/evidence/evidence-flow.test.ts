import { randomBytes, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource, makeUser, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { sha256, startHlsFixture, storedFiles, tmpFiles, uploadForm } from './helpers';

const run = promisify(execFile);
const LIMIT = 1024 * 1024;

let app: TestApp;
let dataDir: string;
let cookie: string;
let operatorCookie: string;
let seqs: string[] = [];
let hls: Awaited<ReturnType<typeof startHlsFixture>>;
let cameraId: string;
const hour = 3_600_000;
const base = Date.now() - 2 * hour;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-evidence-'));
  app = await startTestApp({ DATA_DIR: dataDir, EVIDENCE_MAX_BYTES: String(LIMIT) });
  const agency = await makeAgency(app.db.pool);
  const other = await makeAgency(app.db.pool);
  const src = await makeSource(app.db.pool, agency.id);
  const otherSrc = await makeSource(app.db.pool, other.id);
  const det = await makeUser(app.db.pool, agency.id, 'detective');
  hls = await startHlsFixture();
  cameraId = randomUUID();
  await app.db.pool.query(
    `INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url) VALUES ($1, $2, $3, 'Market & 5th', 37.78, -122.41, 'hls', $4)`,
    [cameraId, agency.id, uid('cam'), hls.url],
  );
  const op = await makeUser(app.db.pool, agency.id, 'operator');
  cookie = await app.login(det.username, det.password);
  operatorCookie = await app.login(op.username, op.password);
  const post = async (key: string, events: Record<string, unknown>[]) => {
    const res = await fetch(`${app.url}/api/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ events }),
    });
    expect(res.status, await res.clone().text()).toBe(202);
    return ((await res.json()) as { results: { seq: string }[] }).results.map((r) => r.seq);
  };
  seqs = await post(src.key, [
    makeEvent({ occurredAt: new Date(base).toISOString(), lat: 37.7801, lon: -122.4101, address: '100 Block of MARKET ST', kind: 'call911', payload: { callerNumber: '(415) 555-0101' } }),
    makeEvent({ occurredAt: new Date(base + 60_000).toISOString(), lat: 37.7802, lon: -122.4102, kind: 'lpr', typeCode: 'hit', payload: { plate: '7ABC123' } }),
    makeEvent({ occurredAt: new Date(base + 120_000).toISOString(), lat: 37.7803, lon: -122.4103 }),
    makeEvent({ occurredAt: new Date(base + 180_000).toISOString(), lat: 37.70, lon: -122.50 }), // outside the box
  ]);
  await post(otherSrc.key, [makeEvent({ occurredAt: new Date(base + 30_000).toISOString(), lat: 37.7801, lon: -122.4101 })]);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await hls?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

const get = (p: string, c = cookie, h: Record<string, string> = {}) => fetch(`${app.url}${p}`, { headers: { cookie: c, ...h } });
const postJson = (p: string, body: unknown, c = cookie) =>
  fetch(`${app.url}${p}`, { method: 'POST', headers: { cookie: c, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('search', () => {
  // Every search states its purpose (refused without one: tests/integration/security/search-purpose.test.ts).
  const window = `purpose=offense:robbery&from=${new Date(base - hour).toISOString()}&to=${new Date(base + hour).toISOString()}`;
  const box = 'bbox=-122.42,37.77,-122.40,37.79';

  it('finds the agency\'s events in a drawn box and window, newest first, paged by cursor', async () => {
    const res = await get(`/api/search?${window}&${box}&limit=2`);
    expect(res.status).toBe(200);
    const page1 = (await res.json()) as { events: { seq: string }[]; nextCursor: string | null };
    expect(page1.events.map((e) => e.seq)).toEqual([seqs[2], seqs[1]]);
    const page2 = (await (await get(`/api/search?${window}&${box}&limit=2&cursor=${page1.nextCursor}`)).json()) as { events: { seq: string }[]; nextCursor: string | null };
    expect(page2.events.map((e) => e.seq)).toEqual([seqs[0]]); // not the other agency's event, not the one outside
    expect(page2.nextCursor).toBeNull();
  });

  it('searches by plate, phone and polygon', async () => {
    const plate = (await (await get(`/api/search?${window}&plate=abc1`)).json()) as { events: { seq: string; plate: string }[] };
    expect(plate.events.map((e) => e.seq)).toEqual([seqs[1]]);
    const phone = (await (await get(`/api/search?${window}&phone=4155550101`)).json()) as { events: { seq: string }[] };
    expect(phone.events.map((e) => e.seq)).toEqual([seqs[0]]);
    const poly = encodeURIComponent(JSON.stringify({ type: 'Polygon', coordinates: [[[-122.52, 37.69], [-122.48, 37.69], [-122.48, 37.72], [-122.52, 37.69]]] }));
    const inPoly = (await (await get(`/api/search?${window}&polygon=${poly}`)).json()) as { events: { seq: string }[] };
    expect(inPoly.events.map((e) => e.seq)).toEqual([seqs[3]]);
  });

  it('refuses a window over 31 days, and operators', async () => {
    const long = await get(`/api/search?purpose=offense:robbery&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`);
    expect(long.status).toBe(400);
    expect(JSON.stringify(await long.json())).toContain('31 days');
    expect((await get(`/api/search?${window}`, operatorCookie)).status).toBe(403);
  });

  it('exports CSV (audited) and lists call history by phone', async () => {
    const csv = await get(`/api/search/export.csv?${window}&${box}`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(seqs[2]);
    const audited = await app.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'search.export'`);
    expect(audited.rows[0].n).toBe(1);
    const calls = (await (await get(`/api/search/calls?purpose=offense:robbery&phone=555-0101`)).json()) as { events: { seq: string }[] };
    expect(calls.events.map((e) => e.seq)).toEqual([seqs[0]]);
  });
});

describe('cases, custody, sharing', () => {
  let caseId: string;
  let uploadSha: string;

  it('builds a case from search results, adds an upload and a note', async () => {
    const res = await postJson('/api/cases', { title: uid('Robbery'), eventSeqs: seqs.slice(0, 3), searchRef: 'box', purpose: 'offense:robbery' });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { case: { id: string; number: string }; items: { kind: string }[] };
    caseId = body.case.id;
    expect(body.items.map((i) => i.kind)).toEqual(['event', 'event', 'event']);
    const audio = new Uint8Array(randomBytes(200_000));
    uploadSha = sha256(audio);
    const up = await fetch(`${app.url}/api/cases/${caseId}/items`, { method: 'POST', headers: { cookie }, body: uploadForm(audio, 'audio/wav', '911-call.wav', '911 call audio') });
    expect(up.status, await up.clone().text()).toBe(201);
    const item = ((await up.json()) as { item: { sha256: string; size: number; title: string } }).item;
    expect(item).toMatchObject({ sha256: uploadSha, size: 200_000, title: '911 call audio' });
    expect((await postJson(`/api/cases/${caseId}/notes`, { title: 'Canvass', text: 'Neighbour heard two shots.' })).status).toBe(201);
  });

  it('records a camera clip from its HLS stream into one hashed MPEG-TS item', async () => {
    const now = Date.now();
    const res = await postJson(`/api/cases/${caseId}/clips`, { cameraId, from: new Date(now - 60_000).toISOString(), to: new Date(now + 60_000).toISOString() });
    expect(res.status, await res.clone().text()).toBe(201);
    const clip = ((await res.json()) as { item: { kind: string; mime: string; size: number; sha256: string } }).item;
    const expected = await hls.segments();
    expect(clip).toMatchObject({ kind: 'clip', mime: 'video/mp2t', size: expected.length, sha256: sha256(expected) });
    expect(expected.length).toBeGreaterThan(1000);
    const old = await postJson(`/api/cases/${caseId}/clips`, { cameraId, from: new Date(now - 7_200_000).toISOString(), to: new Date(now - 3_600_000).toISOString() });
    expect(old.status).toBe(409);
  });

  it('opens a case from an incident: its linked events become the items', async () => {
    const agencyId = (await app.db.pool.query('SELECT s.agency_id FROM event e JOIN source s ON s.id = e.source_id WHERE e.seq = $1', [seqs[0]])).rows[0].agency_id as string;
    const incidentId = randomUUID();
    await app.db.pool.query(
      `INSERT INTO incident (id, agency_id, number, type_code, title, opened_at, updated_at) VALUES ($1, $2, $3, 'shots', 'Shots fired', now(), now())`,
      [incidentId, agencyId, uid('INC')],
    );
    await app.db.pool.query(`INSERT INTO incident_event (incident_id, event_seq, reason) VALUES ($1, $2, 'test'), ($1, $3, 'test')`, [incidentId, seqs[0], seqs[1]]);
    const res = await postJson('/api/cases', { incidentId });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { case: { title: string; sourceRef: string }; items: { sourceRef: string }[] };
    expect(body.case.title).toContain('Shots fired');
    expect(body.case.sourceRef).toBe(`incident:${incidentId}`);
    expect(body.items.map((i) => i.sourceRef)).toEqual([`event:${seqs[0]}`, `event:${seqs[1]}`]);
  });

  it('refuses bad uploads with a clear error and leaves nothing behind', async () => {
    const before = await app.db.pool.query('SELECT count(*)::int AS n FROM evidence_item');
    const filesBefore = await storedFiles(dataDir);
    const big = await fetch(`${app.url}/api/cases/${caseId}/items`, { method: 'POST', headers: { cookie }, body: uploadForm(new Uint8Array(LIMIT + 10), 'video/mp4', 'big.mp4') });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toMatch(/exceeds the limit of 1048576 bytes/);
    const exe = await fetch(`${app.url}/api/cases/${caseId}/items`, { method: 'POST', headers: { cookie }, body: uploadForm(new Uint8Array(100), 'application/x-msdownload', 'x.exe') });
    expect(exe.status).toBe(415);
    expect(((await exe.json()) as { error: string }).error).toMatch(/application\/x-msdownload is not accepted/);
    const after = await app.db.pool.query('SELECT count(*)::int AS n FROM evidence_item');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(await storedFiles(dataDir)).toEqual(filesBefore);
    expect(await tmpFiles(dataDir)).toEqual([]);
  });

  it('downloads an item verified against its hash, and logs it', async () => {
    const detail = (await (await get(`/api/cases/${caseId}`)).json()) as { items: { id: string; kind: string }[]; custody: { action: string }[] };
    const upload = detail.items.find((i) => i.kind === 'upload')!;
    const dl = await get(`/api/cases/${caseId}/items/${upload.id}/download`);
    expect(dl.status).toBe(200);
    expect(sha256(new Uint8Array(await dl.arrayBuffer()))).toBe(uploadSha);
    const actions = (await app.db.pool.query('SELECT action FROM custody_log WHERE case_id = $1 ORDER BY id', [caseId])).rows.map((r) => r.action);
    expect(actions).toEqual(['created', 'added', 'added', 'added', 'added', 'added', 'added', 'viewed', 'downloaded']);
    expect(detail.custody.map((r) => r.action)).toContain('viewed');
  });

  it('renders the case and investigate pages for a detective, not for an operator', async () => {
    const page = await get(`/cases/${caseId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Chain of custody');
    expect(html).toContain('911 call audio');
    expect((await get('/investigate')).status).toBe(200);
    expect((await get(`/cases/${caseId}`, operatorCookie)).status).toBe(404);
  });

  it('shares it: the link opens without login, the ZIP verifies with sha256sum against its manifest', async () => {
    const res = await postJson(`/api/cases/${caseId}/shares`, { recipientName: 'A. Attorney, Esq.', passcode: 'open-sesame-42' });
    expect(res.status).toBe(201);
    const share = (await res.json()) as { url: string; token: string };
    const locked = await fetch(share.url);
    expect(locked.status).toBe(200);
    expect(await locked.text()).toContain('passcode');
    expect((await fetch(`${app.url}/api/share/${share.token}/package.zip`)).status).toBe(401);
    const wrong = await fetch(`${app.url}/api/share/${share.token}/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ passcode: 'guess' }) });
    expect(wrong.status).toBe(403);
    const unlock = await fetch(`${app.url}/api/share/${share.token}/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ passcode: 'open-sesame-42' }) });
    expect(unlock.status).toBe(200);
    const shareCookie = unlock.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await fetch(share.url, { headers: { cookie: shareCookie } })).text();
    expect(page).toContain('data-testid="watermark"');
    expect(page).toContain('A. Attorney, Esq.');
    const zip = await fetch(`${app.url}/api/share/${share.token}/package.zip`, { headers: { cookie: shareCookie } });
    expect(zip.status).toBe(200);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-zip-'));
    try {
      await fs.writeFile(path.join(dir, 'p.zip'), new Uint8Array(await zip.arrayBuffer()));
      await run('unzip', ['-q', 'p.zip', '-d', 'out'], { cwd: dir });
      const out = path.join(dir, 'out');
      const check = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out });
      expect(check.stdout.trim().split('\n')).toHaveLength(6);
      expect(check.stdout).not.toContain('FAILED');
      const manifest = JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8')) as { items: { path: string; sha256: string }[]; custody: { action: string }[] };
      expect(manifest.items).toHaveLength(6);
      for (const it of manifest.items) expect(sha256(await fs.readFile(path.join(out, it.path)))).toBe(it.sha256);
      expect(manifest.items.map((i) => i.sha256)).toContain(uploadSha);
      expect(manifest.custody.map((c) => c.action)).toContain('exported');
      expect(await fs.readFile(path.join(out, 'README.txt'), 'utf8')).toContain('sha256sum -c SHA256SUMS');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const accessed = await app.db.pool.query(`SELECT details->>'what' AS what, details->>'refused' AS refused FROM custody_log WHERE case_id = $1 AND action = 'share_accessed' ORDER BY id`, [caseId]);
    expect(accessed.rows).toEqual([
      { what: 'page', refused: null },
      { what: 'package', refused: 'passcode required' },
      { what: 'unlock', refused: 'wrong passcode' },
      { what: 'unlock', refused: null },
      { what: 'page', refused: null },
      { what: 'package', refused: null },
    ]);
  });

  it('refuses revoked and expired links with 410, and logs the attempts', async () => {
    const mk = async () => ((await (await postJson(`/api/cases/${caseId}/shares`, { recipientName: 'B. Counsel' })).json()) as { id: string; token: string });
    const revoked = await mk();
    expect((await fetch(`${app.url}/api/share/${revoked.token}/package.zip`)).status).toBe(200);
    expect((await postJson(`/api/cases/${caseId}/shares/${revoked.id}/revoke`, {})).status).toBe(204);
    expect((await fetch(`${app.url}/api/share/${revoked.token}/package.zip`)).status).toBe(410);
    const expired = await mk();
    await app.db.pool.query(`UPDATE share_link SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
    expect((await fetch(`${app.url}/api/share/${expired.token}/package.zip`)).status).toBe(410);
    expect(await (await fetch(`${app.url}/share/${expired.token}`)).text()).toContain('expired');
    const refused = await app.db.pool.query(`SELECT details->>'refused' AS r FROM custody_log WHERE case_id = $1 AND details->>'refused' IN ('revoked','expired') ORDER BY id`, [caseId]);
    expect(refused.rows.map((r) => r.r)).toEqual(['revoked', 'expired', 'expired']);
  });

  it('verifies intact, then detects an edited file and an edited custody row (API, download and CLI)', async () => {
    const ok = (await (await postJson(`/api/cases/${caseId}/verify`, {})).json()) as { ok: boolean; itemsChecked: number };
    expect(ok).toMatchObject({ ok: true, itemsChecked: 6 });
    const cli = (args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'scripts/evidence-verify.ts', ...args], { env: { ...process.env, DATABASE_URL: app.db.url, DATA_DIR: dataDir } }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const number = (await app.db.pool.query('SELECT number FROM evidence_case WHERE id = $1', [caseId])).rows[0].number as string;
    expect((await cli([number])).code).toBe(0);

    const item = (await app.db.pool.query(`SELECT id, storage_key FROM evidence_item WHERE case_id = $1 AND kind = 'note'`, [caseId])).rows[0];
    await fs.appendFile(path.join(dataDir, 'evidence', item.storage_key), ' (edited)');
    const bad = (await (await postJson(`/api/cases/${caseId}/verify`, {})).json()) as { ok: boolean; problems: { kind: string; ref: string }[] };
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual([expect.objectContaining({ kind: 'item', ref: item.id })]);
    expect((await get(`/api/cases/${caseId}/items/${item.id}/download`)).status).toBe(409);
    const failed = await app.db.pool.query(`SELECT count(*)::int AS n FROM custody_log WHERE item_id = $1 AND action = 'integrity_failed'`, [item.id]);
    expect(failed.rows[0].n).toBe(1);
    const r1 = await cli([caseId]);
    expect(r1.code).toBe(1);
    expect(r1.out).toContain(`MISMATCH item ${item.id}`);

    // Tamper with a custody row the way only a superuser could: the append-only trigger must be disabled first.
    await expect(app.db.pool.query(`UPDATE custody_log SET ip = '6.6.6.6' WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
    const row = (await app.db.pool.query(`SELECT id FROM custody_log WHERE case_id = $1 AND action = 'downloaded' ORDER BY id LIMIT 1`, [caseId])).rows[0].id as string;
    await app.db.pool.query('ALTER TABLE custody_log DISABLE TRIGGER custody_log_append_only');
    await app.db.pool.query(`UPDATE custody_log SET actor_name = 'Someone else' WHERE id = $1`, [row]);
    await app.db.pool.query('ALTER TABLE custody_log ENABLE TRIGGER custody_log_append_only');
    const r2 = await cli([number]);
    expect(r2.code).toBe(1);
    expect(r2.out).toContain(`MISMATCH custody ${row}`);
  });
});
