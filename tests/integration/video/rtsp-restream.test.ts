import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCameras } from '@/lib/cameras/camera-store';
import type { CameraVideoHealth } from '@/lib/domain/camera';
import { makeAgency, makeUser, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { publishTestPattern, startRtspServer, waitForPublisher, type RtspServer } from '../../support/rtsp-server';

/**
 * The managed restreamer against a real RTSP server (tests/support/rtsp-server.ts) fed by a real ffmpeg publisher:
 * several viewers share one camera connection, it stops when idle, a killed ffmpeg comes back, and the
 * outbound-address policy holds for rtsp:// as for http.
 */
const METRICS_TOKEN = 'metrics-token-for-restream-tests-0123456789';
let rtsp: RtspServer;
let publisher: ReturnType<typeof publishTestPattern>;
let app: TestApp;
let viewerA: string;
let viewerB: string;
let outsider: string;
let agencyId: string;
let refusedHost: net.Server;
let refusedConnections = 0;
let refusedPort = 0;

async function camera(streamUrl: string): Promise<string> {
  const externalId = uid('rtsp');
  await upsertCameras(app.db.pool, agencyId, [{ externalId, name: externalId, lat: 37.78, lon: -122.41, heading: null, fovDeg: 90, rangeM: 150, ptz: false, streamKind: 'rtsp', streamUrl, owner: 'city' }]);
  const { rows } = await app.db.pool.query<{ id: string }>('SELECT id FROM camera WHERE agency_id = $1 AND external_id = $2', [agencyId, externalId]);
  return rows[0]!.id;
}

const get = (path: string, cookie: string) => fetch(app.url + path, { headers: { cookie } });
const playlist = (cam: string, cookie: string) => get(`/api/cameras/${cam}/stream/_live.m3u8`, cookie);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function metric(name: string, labelled = ''): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const line = text.split('\n').find((l) => (l.startsWith(`${name} `) || l.startsWith(`${name}{`)) && l.includes(labelled));
  return line ? Number(line.split(' ').pop()) : NaN;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${app.output().slice(-3000)}`);
    await sleep(250);
  }
}

/** Pids of the app's ffmpeg processes restreaming `cameraId` (its id is in their output path). */
function restreamPids(cameraId: string): number[] {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((p) => {
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
      return cmd.startsWith('ffmpeg') && cmd.includes(cameraId) ? [Number(p)] : [];
    } catch {
      return [];
    }
  });
}

beforeAll(async () => {
  rtsp = await startRtspServer();
  publisher = publishTestPattern(rtsp.url('cam'));
  // A camera host that refuses every connection at once, counting the attempts.
  refusedHost = net.createServer((s) => {
    refusedConnections++;
    s.destroy();
  });
  await new Promise<void>((r) => refusedHost.listen(0, '127.0.0.1', r));
  refusedPort = (refusedHost.address() as net.AddressInfo).port;
  app = await startTestApp({ RESTREAM_IDLE_SECONDS: '5', METRICS_TOKEN });
  const a = await makeAgency(app.db.pool);
  agencyId = a.id;
  const other = await makeAgency(app.db.pool);
  const [u1, u2, u3] = [await makeUser(app.db.pool, a.id), await makeUser(app.db.pool, a.id), await makeUser(app.db.pool, other.id)];
  [viewerA, viewerB, outsider] = [await app.login(u1.username, u1.password), await app.login(u2.username, u2.password), await app.login(u3.username, u3.password)];
  await waitForPublisher(rtsp, 'cam');
});

afterAll(async () => {
  await app?.stop();
  await publisher?.stop();
  await rtsp?.close();
  await new Promise((r) => refusedHost?.close(r));
});

describe('managed RTSP restream', () => {
  let cam: string;

  it('serves two viewers from ONE camera connection, as HLS from the app origin, audited per viewer', async () => {
    cam = await camera(rtsp.url('cam'));
    const [a, b] = await Promise.all([playlist(cam, viewerA), playlist(cam, viewerB)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const text = await a.text();
    await b.text();
    expect(text).toMatch(/#EXT-X-TARGETDURATION:[12]/);
    const segment = text.split('\n').find((l) => /^seg-\d+\.ts$/.test(l))!;
    const seg = await get(`/api/cameras/${cam}/stream/${segment}`, viewerB);
    expect(seg.status).toBe(200);
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    const bytes = Buffer.from(await seg.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes[0]).toBe(0x47); // MPEG-TS sync byte
    // A third and fourth viewer a moment later: still one session at the camera.
    for (const c of [viewerA, viewerB]) expect((await playlist(cam, c)).status).toBe(200);
    expect(rtsp.playing('cam')).toBe(1);
    expect(rtsp.sessionsStarted('cam')).toBe(1);
    expect(await metric('rtcc_restream_processes')).toBe(1);
    expect(await metric('rtcc_camera_video_online', `camera="${cam}"`)).toBe(1);

    expect((await playlist(cam, outsider)).status).toBe(403);
    expect((await get(`/api/cameras/${cam}/stream/${segment}`, outsider)).status).toBe(403);
    expect((await get(`/api/cameras/${cam}/stream/..%2Findex.m3u8`, viewerA)).status).toBe(404);
    const views = await app.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'video.view' AND target_id = $1 AND outcome = 'allow'`, [cam]);
    expect(views.rowCount).toBe(2);
    const health = (await (await get(`/api/cameras/${cam}/health`, viewerA)).json()) as CameraVideoHealth;
    expect(health.state).toBe('online');
    expect(Date.now() - Date.parse(health.lastFrameAt!)).toBeLessThan(30_000);
  });

  it('restarts ffmpeg after it is killed, with a new camera connection', async () => {
    const pids = restreamPids(cam);
    expect(pids).toHaveLength(1);
    process.kill(pids[0]!, 'SIGKILL');
    // Viewers keep asking (as players do); the restreamer comes back after its back-off.
    await until('a restarted restream', async () => {
      await (await playlist(cam, viewerA)).arrayBuffer();
      return rtsp.sessionsStarted('cam') === 2 && rtsp.playing('cam') === 1;
    });
    const res = await playlist(cam, viewerA);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/seg-\d+\.ts/);
    expect(restreamPids(cam)).toHaveLength(1);
    expect(await metric('rtcc_restream_restarts_total')).toBeGreaterThanOrEqual(1);
  });

  it('stops once nobody watches, and starts again for the next viewer', async () => {
    await until('the idle restream to stop', () => rtsp.playing('cam') === 0 && restreamPids(cam).length === 0, 20_000);
    expect(await metric('rtcc_restream_processes')).toBe(0);
    expect((await playlist(cam, viewerB)).status).toBe(200);
    expect(rtsp.playing('cam')).toBe(1);
    expect(rtsp.sessionsStarted('cam')).toBe(3);
  });
});

it('plays an rtsps:// camera: the guard speaks TLS to it and reads its answers', async () => {
  // A camera with TLS in front (a self-signed certificate, as cameras carry): TLS terminated here, RTSP behind it.
  const fixture = (f: string) => fs.readFileSync(path.join('tests/fixtures/tls', f));
  let handshakes = 0;
  const tlsCamera = tls.createServer({ key: fixture('camera-key.pem'), cert: fixture('camera-cert.pem') }, (s) => {
    handshakes++;
    const inner = net.connect(rtsp.port, '127.0.0.1');
    s.pipe(inner).pipe(s);
    s.on('error', () => inner.destroy());
    inner.on('error', () => s.destroy());
  });
  await new Promise<void>((r) => tlsCamera.listen(0, '127.0.0.1', r));
  try {
    const cam = await camera(`rtsps://127.0.0.1:${(tlsCamera.address() as net.AddressInfo).port}/cam`);
    await until('an rtsps playlist', async () => {
      const res = await playlist(cam, viewerA);
      await res.arrayBuffer();
      return res.status === 200;
    });
    expect(handshakes).toBeGreaterThanOrEqual(1);
  } finally {
    await new Promise((r) => tlsCamera.close(r));
  }
});

it('transcodes a camera that does not send H.264 (here MPEG-4 Part 2) into H.264 segments', async () => {
  const mp4v = publishTestPattern(rtsp.url('mp4v'), { codec: 'mpeg4', size: '320x180', rate: 10 });
  try {
    await waitForPublisher(rtsp, 'mp4v');
    const cam = await camera(rtsp.url('mp4v'));
    let text = '';
    await until('a transcoded playlist', async () => {
      const res = await playlist(cam, viewerA);
      text = await res.text();
      return res.status === 200;
    }, 45_000);
    const segment = text.split('\n').find((l) => /^seg-\d+\.ts$/.test(l))!;
    const bytes = Buffer.from(await (await get(`/api/cameras/${cam}/stream/${segment}`, viewerA)).arrayBuffer());
    const file = path.join(os.tmpdir(), `restream-${cam}.ts`);
    fs.writeFileSync(file, bytes);
    const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file], { encoding: 'utf8' });
    fs.rmSync(file);
    // MPEG-TS lists the stream under its program too: every line names the same codec.
    expect([...new Set(out.split('\n').filter(Boolean))]).toEqual(['h264']);
    expect(app.output()).toContain(`camera ${cam} sends mpeg4: transcoding to H.264`);
  } finally {
    await mp4v.stop();
  }
});

describe('cameras that cannot be reached', () => {
  it('refuses a private address not in OUTBOUND_ALLOW (loopback is listed here: the cameras above play), starting nothing', async () => {
    const cam = await camera('rtsp://10.255.0.1:554/live');
    const res = await playlist(cam, viewerA);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/No signal: .*10\.255\.0\.1 is a private address, refused by the outbound-address policy/);
    expect(restreamPids(cam)).toEqual([]);
    const health = (await (await get(`/api/cameras/${cam}/health`, viewerA)).json()) as CameraVideoHealth;
    expect(health).toMatchObject({ state: 'offline', lastFrameAt: null });
    expect(health.error).toMatch(/outbound-address policy/);
  });

  it('a camera that answers with a redirect is not followed: the address it names is never contacted, the viewer is told why', async () => {
    // A camera someone else controls (a community camera) pointing the restreamer at another host, which would be
    // allowed here (loopback is listed): a redirect is refused whatever its target.
    let elsewhere = 0;
    const target = net.createServer((s) => (elsewhere++, s.destroy()));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const redirecting = net.createServer((s) =>
      s.on('data', (d) => {
        const cseq = /CSeq:\s*(\d+)/i.exec(d.toString())?.[1] ?? '1';
        s.write(`RTSP/1.0 302 Moved Temporarily\r\nCSeq: ${cseq}\r\nLocation: rtsp://127.0.0.1:${(target.address() as net.AddressInfo).port}/inside\r\n\r\n`);
      }),
    );
    await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
    try {
      const cam = await camera(`rtsp://viewer:s3cret-pass@127.0.0.1:${(redirecting.address() as net.AddressInfo).port}/live`);
      const res = await playlist(cam, viewerA);
      expect(res.status).toBe(503);
      const health = async () => (await (await get(`/api/cameras/${cam}/health`, viewerA)).json()) as CameraVideoHealth;
      await until('the redirect refusal in the camera health', async () => /redirect/.test((await health()).error ?? ''));
      const error = (await health()).error!;
      expect(error).toMatch(/the camera answered with a redirect to rtsp:\/\/127\.0\.0\.1:\d+\/inside, which is not followed/);
      expect(error).not.toContain('s3cret-pass');
      expect(elsewhere).toBe(0);
    } finally {
      await new Promise((r) => redirecting.close(r));
      await new Promise((r) => target.close(r));
    }
  });

  it('a camera that never answers says "No signal", retries with back-off while watched, and costs nothing once idle', async () => {
    const cam = await camera(`rtsp://127.0.0.1:${refusedPort}/live`);
    const started = Date.now();
    const res = await playlist(cam, viewerA);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/^No signal: /);
    // Watched for ~6 s: attempts at 0, 1, 3 s (+ the time each takes) — a few, not one per request.
    while (Date.now() - started < 6000) {
      expect((await playlist(cam, viewerA)).status).toBe(503);
      await sleep(300);
    }
    const watched = refusedConnections;
    expect(watched).toBeGreaterThanOrEqual(2);
    expect(watched).toBeLessThanOrEqual(5);
    // Nobody watching: after the idle period no process and no further connection attempts.
    await sleep(5000 + 10_000);
    expect(restreamPids(cam)).toEqual([]);
    expect(refusedConnections - watched).toBeLessThanOrEqual(2);
    const health = (await (await get(`/api/cameras/${cam}/health`, viewerA)).json()) as CameraVideoHealth;
    expect(health.state).toBe('offline');
  });
});
