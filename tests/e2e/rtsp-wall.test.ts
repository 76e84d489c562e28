import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishTestPattern, startRtspServer, waitForPublisher, type RtspServer } from '../support/rtsp-server';
import { ADMIN_PASSWORD } from './support/app-process';
import { ConsolePage, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';
import { OperatorPages } from './support/operator';

/**
 * An RTSP camera (ffmpeg publishing to the RTSP test server, as an IP camera streams) added in admin plays on the
 * wall through the managed restreamer; a camera that refuses connections says "No signal" on its tile; the
 * admin list shows both cameras' video health.
 */
const t = e2eSuite({ DEMO: '0', RESTREAM_IDLE_SECONDS: '10' });
let rtsp: RtspServer;
let publisher: ReturnType<typeof publishTestPattern>;
let refused: net.Server;

beforeAll(async () => {
  rtsp = await startRtspServer();
  publisher = publishTestPattern(rtsp.url('gate'));
  refused = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => refused.listen(0, '127.0.0.1', r));
  await waitForPublisher(rtsp, 'gate');
});
afterAll(async () => {
  await publisher?.stop();
  await rtsp?.close();
  await new Promise((r) => refused?.close(r));
});

it('plays an RTSP camera on the wall through the managed restreamer, one camera connection for two tiles', async () => {
  const context = await t.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new ConsolePage(page, t.app.url).signIn('admin', ADMIN_PASSWORD);

  // Registered as an administrator would: rtsp:// URLs are accepted, the kind follows from the URL.
  const api = (path: string, body: unknown) => page.request.post(`${t.app.url}${path}`, { data: body });
  const save = async (externalId: string, streamUrl: string) => {
    const res = await api('/api/admin/cameras', { externalId, name: externalId, lat: 37.7793, lon: -122.4193, streamUrl });
    expect(res.status()).toBe(201);
    const { camera } = (await res.json()) as { camera: { id: string; streamKind: string } };
    expect(camera.streamKind).toBe('rtsp');
    return camera.id;
  };
  const tag = crypto.randomBytes(3).toString('hex');
  const gate = await save(`rtsp-gate-${tag}`, rtsp.url('gate'));
  const dead = await save(`rtsp-dead-${tag}`, `rtsp://127.0.0.1:${(refused.address() as net.AddressInfo).port}/live`);
  const sessionsBefore = rtsp.sessionsStarted('gate');
  expect((await api('/api/wall', { layout: 2, cameraIds: [gate, dead, gate] })).status()).toBe(200);

  await page.goto(`${t.app.url}/wall`);
  const op = new OperatorPages(page, t.app.url);
  await op.waitVideoAdvances(gate, 2, 60_000);
  // Both tiles of the RTSP camera play, from one connection to the camera.
  await expect.poll(() => page.locator(`[data-testid="hls-player"][data-camera-id="${gate}"][data-state="playing"]`).count(), { timeout: 30_000 }).toBe(2);
  await expect.poll(() => rtsp.playing('gate'), { timeout: 20_000 }).toBe(1);
  expect(rtsp.sessionsStarted('gate') - sessionsBefore).toBe(1);
  // The camera that refuses connections: "No signal", the reason, and since when (never).
  const deadTile = op.player(dead);
  await deadTile.and(page.locator('[data-state="nosignal"]')).waitFor({ timeout: 30_000 });
  await expect.poll(() => deadTile.getByTestId('last-frame').textContent(), { timeout: 15_000 }).toBe('No frame received yet');
  expect(await deadTile.getByTestId('no-signal-reason').textContent()).toMatch(/^No signal: .*(refused|did not answer|Invalid data)/i);
  await screenshot(page, 'wall-rtsp-1920x1080');

  // Admin's camera list: the RTSP camera online with a last frame, the dead one offline with why.
  await page.goto(`${t.app.url}/admin/cameras`);
  const row = (ext: string) => page.locator(`[data-testid="camera-row"][data-external-id="${ext}"]`);
  await expect.poll(() => row(`rtsp-gate-${tag}`).getByTestId('camera-video').innerText()).toMatch(/^online/);
  expect(await row(`rtsp-gate-${tag}`).getByTestId('camera-last-frame').innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  expect(await row(`rtsp-dead-${tag}`).getByTestId('camera-video').innerText()).toMatch(/^offline/);
  await screenshot(page, 'admin-cameras-rtsp-1920x1080');
  expect(errors).toEqual([]);
  await context.close();
});
