import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeUser, uid } from '../../helpers/factories';
import { startHlsFixture, type HlsFixture, type HlsLayout } from '../../helpers/hls-fixture';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { sha256, storedFiles } from './helpers';

const run = promisify(execFile);

let app: TestApp;
let dataDir: string;
let agencyId: string;
let cookie: string;
let caseId: string;
const fixtures: HlsFixture[] = [];

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-clips-'));
  app = await startTestApp({ DATA_DIR: dataDir });
  agencyId = (await makeAgency(app.db.pool)).id;
  const det = await makeUser(app.db.pool, agencyId, 'detective');
  cookie = await app.login(det.username, det.password);
  const res = await post('/api/cases', { title: uid('Clips') });
  expect(res.status, await res.clone().text()).toBe(201);
  caseId = ((await res.json()) as { case: { id: string } }).case.id;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  for (const f of fixtures) await f.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

function post(p: string, body: unknown) {
  return fetch(`${app.url}${p}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function camera(url: string): Promise<string> {
  const id = randomUUID();
  await app.db.pool.query(`INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url) VALUES ($1, $2, $3, $4, 37.78, -122.41, 'hls', $5)`, [
    id, agencyId, uid('cam'), uid('Cam'), url,
  ]);
  return id;
}

async function fixture(layout: HlsLayout, opts: { ignoreRange?: boolean } = {}): Promise<HlsFixture> {
  const f = await startHlsFixture(layout, opts);
  fixtures.push(f);
  return f;
}

type Item = { id: string; kind: string; mime: string; size: number; sha256: string };

async function record(cameraId: string): Promise<Response> {
  const now = Date.now();
  return post(`/api/cases/${caseId}/clips`, { cameraId, from: new Date(now - 60_000).toISOString(), to: new Date(now + 60_000).toISOString() });
}

/** Downloads the item (verified server-side), writes it out and has ffmpeg decode every frame of it. */
async function decode(item: Item, ext: string): Promise<{ bytes: Buffer; frames: number; codec: string; format: string }> {
  const res = await fetch(`${app.url}/api/cases/${caseId}/items/${item.id}/download`, { headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-evidence-sha256')).toBe(item.sha256);
  const bytes = Buffer.from(await res.arrayBuffer());
  const file = path.join(dataDir, `${item.id}${ext}`);
  await fs.writeFile(file, bytes);
  const probe = await run('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,nb_read_frames:format=format_name', '-of', 'json', file]);
  const info = JSON.parse(probe.stdout) as { streams: { codec_name: string; nb_read_frames: string }[]; format: { format_name: string } };
  // A full decode to nowhere: any corrupt packet is an error on stderr.
  const full = await run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']);
  expect(full.stderr).toBe('');
  return { bytes, frames: Number(info.streams[0]!.nb_read_frames), codec: info.streams[0]!.codec_name, format: info.format.format_name };
}

describe('clip recording from real ffmpeg HLS streams', () => {
  it('MPEG-TS: segments concatenated into one hashed .ts item that decodes', async () => {
    const hls = await fixture('mpegts');
    const res = await record(await camera(hls.url));
    expect(res.status, await res.clone().text()).toBe(201);
    const item = ((await res.json()) as { item: Item }).item;
    const expected = await hls.expectedBytes();
    expect(item).toMatchObject({ kind: 'clip', mime: 'video/mp2t', size: expected.length, sha256: sha256(expected) });
    const out = await decode(item, '.ts');
    expect(out).toMatchObject({ frames: 30, codec: 'h264', format: 'mpegts' });
    expect(sha256(out.bytes)).toBe(item.sha256);
  });

  it('fMP4: the EXT-X-MAP init section fetched once and stored first; the clip is an MP4 that decodes', async () => {
    const hls = await fixture('fmp4');
    const res = await record(await camera(hls.url));
    expect(res.status, await res.clone().text()).toBe(201);
    const item = ((await res.json()) as { item: Item }).item;
    const expected = await hls.expectedBytes(); // init.mp4 + seg000.m4s + seg001.m4s + seg002.m4s
    expect(item).toMatchObject({ kind: 'clip', mime: 'video/mp4', size: expected.length, sha256: sha256(expected) });
    expect(hls.requests.filter((r) => r.name === 'init.mp4')).toHaveLength(1);
    expect(hls.requests.filter((r) => r.name.endsWith('.m4s')).map((r) => r.name)).toEqual(['seg000.m4s', 'seg001.m4s', 'seg002.m4s']);
    const out = await decode(item, '.mp4');
    expect(out.frames).toBe(30);
    expect(out.codec).toBe('h264');
    expect(out.format).toContain('mp4');
    // The custody chain records the format and hash of what was stored.
    const custody = await app.db.pool.query<{ details: { sha256: string; format: string; segments: number } }>(
      `SELECT details FROM custody_log WHERE item_id = $1 AND action = 'added'`,
      [item.id],
    );
    expect(custody.rows[0]!.details).toMatchObject({ sha256: item.sha256, format: 'fmp4', segments: 3 });
  });

  it('fMP4 in one file: byte ranges honoured (Range requests), the init range first', async () => {
    const hls = await fixture('fmp4-single');
    const res = await record(await camera(hls.url));
    expect(res.status, await res.clone().text()).toBe(201);
    const item = ((await res.json()) as { item: Item }).item;
    const expected = await hls.expectedBytes(); // the one file: init section then every fragment, contiguous
    expect(item).toMatchObject({ mime: 'video/mp4', size: expected.length, sha256: sha256(expected) });
    const media = hls.requests.filter((r) => r.name === 'live.m4s');
    expect(media).toHaveLength(4); // init once + 3 segments
    expect(media.every((r) => /^bytes=\d+-\d+$/.test(r.range ?? ''))).toBe(true);
    expect(media[0]!.range).toMatch(/^bytes=0-/);
    expect((await decode(item, '.mp4')).frames).toBe(30);
  });

  it('a server that ignores Range (200, whole file) still yields exactly the ranges', async () => {
    const hls = await fixture('fmp4-single', { ignoreRange: true });
    const res = await record(await camera(hls.url));
    expect(res.status, await res.clone().text()).toBe(201);
    const item = ((await res.json()) as { item: Item }).item;
    expect(item.sha256).toBe(sha256(await hls.expectedBytes()));
  });

  it('a stream that changes its init section mid-range is cut there, and the custody row says so', async () => {
    const hls = await fixture('fmp4');
    await fs.copyFile(path.join(hls.dir, 'init.mp4'), path.join(hls.dir, 'init2.mp4'));
    const lines = (await fs.readFile(path.join(hls.dir, 'live.m3u8'), 'utf8')).split('\n');
    const third = lines.findIndex((l, i) => l.startsWith('#EXTINF') && lines.slice(0, i).filter((x) => x.startsWith('#EXTINF')).length === 2);
    lines.splice(third, 0, '#EXT-X-MAP:URI="init2.mp4"');
    await fs.writeFile(path.join(hls.dir, 'live.m3u8'), lines.join('\n'));
    const res = await record(await camera(hls.url));
    expect(res.status, await res.clone().text()).toBe(201);
    const item = ((await res.json()) as { item: Item }).item;
    const read = (n: string) => fs.readFile(path.join(hls.dir, n));
    const expected = Buffer.concat([await read('init.mp4'), await read('seg000.m4s'), await read('seg001.m4s')]);
    expect(item.sha256).toBe(sha256(expected));
    expect(hls.requests.map((r) => r.name).filter((n) => !n.endsWith('.m3u8'))).toEqual(['init.mp4', 'seg000.m4s', 'seg001.m4s']);
    const custody = await app.db.pool.query<{ details: Record<string, unknown> }>(`SELECT details FROM custody_log WHERE item_id = $1 AND action = 'added'`, [item.id]);
    expect(custody.rows[0]!.details).toMatchObject({ segments: 2, segmentsLeftOut: 1 });
    expect((await decode(item, '.mp4')).frames).toBe(20);
  });

  it('an init section on a refused address refuses the clip before anything is fetched or stored', async () => {
    const hls = await fixture('fmp4');
    const playlist = await fs.readFile(path.join(hls.dir, 'live.m3u8'), 'utf8');
    await fs.writeFile(path.join(hls.dir, 'live.m3u8'), playlist.replace(/#EXT-X-MAP:URI="[^"]+"/, '#EXT-X-MAP:URI="http://10.20.30.40/init.mp4"'));
    const before = await storedFiles(dataDir);
    const res = await record(await camera(hls.url));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('private address');
    expect(hls.requests.filter((r) => !r.name.endsWith('.m3u8'))).toEqual([]);
    expect(await storedFiles(dataDir)).toEqual(before);
  });

  it('an encrypted playlist is refused with a reason', async () => {
    const hls = await fixture('mpegts');
    const playlist = await fs.readFile(path.join(hls.dir, 'live.m3u8'), 'utf8');
    await fs.writeFile(path.join(hls.dir, 'live.m3u8'), playlist.replace('#EXTINF', '#EXT-X-KEY:METHOD=AES-128,URI="key.bin"\n#EXTINF'));
    const res = await record(await camera(hls.url));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('encrypted');
  });
});
