import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createWallDevice } from '@/lib/auth/wall-device';
import { FROZEN_MS } from '@/components/video/hls-player';
import { streamsDir, upsertStreamCamera } from '@/lib/video/test-pattern';
import { ADMIN_PASSWORD } from './support/app-process';
import { ConsolePage, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';
import { OperatorPages } from './support/operator';

/** A wall workstation as deployed: device-token sign-in, kiosk wall, dead camera retried, network cut survived. */
const t = e2eSuite({ DEMO: '0', TEST_STREAMS: '1' });

/** The admin's session cookie, signed in through the API (the operator side of these tests is not the subject). */
async function adminCookie(): Promise<string> {
  const login = await fetch(`${t.app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  return (login.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Save a wall preset through the API; its id. */
async function savePreset(cookie: string, name: string, layout: number, cameraIds: string[]): Promise<string> {
  const saved = await fetch(`${t.app.url}/api/wall/presets`, {
    method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name, layout, cameraIds }),
  });
  return ((await saved.json()) as { preset: { id: string } }).preset.id;
}

it('signs in with its device token, shows tiles without chrome, retries a dead camera, and recovers by itself', async () => {
  const { rows } = await t.app.pool.query<{ id: string; agency_id: string }>(`SELECT id, agency_id FROM camera WHERE external_id = 'test-pattern-demo'`);
  const live = rows[0]!;
  const tag = crypto.randomBytes(3).toString('hex');
  const dead = await upsertStreamCamera(t.app.pool, live.agency_id, {
    externalId: `kiosk-dead-${tag}`, name: `Dead ${tag}`, lat: 37.7793, lon: -122.4193, heading: null, streamUrl: 'http://127.0.0.1:9/live/index.m3u8',
  });
  const device = await createWallDevice(t.app.pool, live.agency_id, `Kiosk ${tag}`);

  // An operator puts a preset with both cameras on the wall.
  const cookie = await adminCookie();
  const presetId = await savePreset(cookie, `Kiosk ${tag}`, 2, [live.id, dead]);
  expect((await fetch(`${t.app.url}/api/wall/presets/${presetId}/load`, { method: 'POST', headers: { cookie } })).status).toBe(200);

  const context = await t.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
  await page.goto(`${t.app.url}/wall/device#token=${device.token}`);
  await page.waitForURL(`${t.app.url}/wall?kiosk=1`);
  const wall = page.locator('[data-testid="wall"][data-kiosk="1"]');
  await wall.waitFor();
  // No chrome: no header, no control at all.
  expect(await page.locator('header').count()).toBe(0);
  expect(await page.locator('button, select, input, a[href]').count()).toBe(0);

  const op = new OperatorPages(page, t.app.url);
  await op.waitVideoAdvances(live.id, 1);
  // The dead camera says "No signal" and keeps retrying (1 s, 2 s, 4 s…): new hls.js players, same tile.
  await op.player(dead).and(page.locator('[data-state="nosignal"]')).waitFor({ timeout: 30_000 });
  const created = () => page.evaluate(() => (window as unknown as { __rtcc?: { hlsCreated?: number } }).__rtcc?.hlsCreated ?? 0);
  const before = await created();
  await expect.poll(created, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 2);
  expect(await op.player(dead).getAttribute('data-state')).toBe('nosignal');
  await screenshot(page, 'wall-kiosk-1280x720');

  // The cursor hides after a few idle seconds and comes back on movement.
  const cursor = () => wall.evaluate((el) => getComputedStyle(el).cursor);
  await page.mouse.move(300, 300);
  expect(await cursor()).not.toBe('none');
  await expect.poll(cursor, { timeout: 8000 }).toBe('none');
  await page.mouse.move(320, 320);
  await expect.poll(cursor).not.toBe('none');

  // A network cut: the kiosk says so in a corner, then reconnects by itself and the live tile plays again.
  await context.setOffline(true);
  await page.locator('[data-testid="connection-state"]:not([data-state="live"])').waitFor({ timeout: 15_000 });
  await context.setOffline(false);
  await page.locator('[data-testid="connection-state"]').waitFor({ state: 'detached', timeout: 30_000 });
  await op.waitVideoAdvances(live.id, 1);

  // Its session ends (revoked on the server): on the next reconnect it signs itself in again with the stored token.
  await t.app.pool.query('DELETE FROM session WHERE user_id = $1', [device.userId]);
  await context.setOffline(true);
  await page.locator('[data-testid="connection-state"]:not([data-state="live"])').waitFor({ timeout: 15_000 });
  await context.setOffline(false);
  await expect.poll(async () => (await t.app.pool.query('SELECT 1 FROM session WHERE user_id = $1', [device.userId])).rowCount, { timeout: 30_000 }).toBe(1);
  await page.waitForURL(`${t.app.url}/wall?kiosk=1`);
  await page.locator('[data-testid="wall"][data-kiosk="1"]').waitFor();
  expect(page.url()).not.toContain(device.token);
  expect(errors).toEqual([]);
  await context.close();
});

it('an operator saves, loads and deletes presets on the wall page, and loads one from the console', async () => {
  const tag = crypto.randomBytes(3).toString('hex');
  const context = await t.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  const wall = await context.newPage();
  wall.on('pageerror', (e) => errors.push(e.message));
  wall.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
  await new ConsolePage(wall, t.app.url).signIn('admin', ADMIN_PASSWORD);
  await wall.goto(`${t.app.url}/wall`);
  const root = wall.getByTestId('wall');
  await root.waitFor();
  // "Follow top incident" toggles: a retry (same app and database) may find the wall left in follow mode by the
  // first attempt. Manual first, as an operator would see it before turning follow on.
  await expect.poll(() => root.getAttribute('data-mode')).not.toBe('');
  if ((await root.getAttribute('data-mode')) === 'follow') {
    await wall.getByRole('button', { name: 'Follow top incident' }).click();
    await expect.poll(() => root.getAttribute('data-mode')).toBe('manual');
  }

  // Follow mode on a 3×3 wall, saved under a name.
  await wall.getByRole('button', { name: '3×3' }).click();
  await expect.poll(() => root.getAttribute('data-layout')).toBe('3');
  await wall.getByRole('button', { name: 'Follow top incident' }).click();
  await expect.poll(() => root.getAttribute('data-mode')).toBe('follow');
  await wall.getByLabel('New preset name').fill(`Three ${tag}`);
  await wall.getByRole('button', { name: 'Save preset' }).click();
  await expect.poll(() => wall.getByTestId('wall-preset-status').innerText()).toBe(`Save Three ${tag}: done`);

  // Loading a preset leaves follow mode.
  await wall.getByRole('button', { name: '1×1' }).click();
  await expect.poll(() => root.getAttribute('data-layout')).toBe('1');
  const select = wall.getByLabel('Wall preset', { exact: true });
  await select.selectOption({ label: `Three ${tag} (3×3)` });
  await wall.getByRole('button', { name: 'Load' }).click();
  await expect.poll(() => root.getAttribute('data-layout')).toBe('3');
  expect(await root.getAttribute('data-mode')).toBe('manual');

  // From the console header: the kiosk test's 2×2 preset (live + dead camera) goes on the wall.
  const consolePage = await context.newPage();
  consolePage.on('pageerror', (e) => errors.push(e.message));
  await consolePage.goto(`${t.app.url}/`);
  const menu = consolePage.getByTestId('wall-preset-menu');
  await menu.waitFor();
  const kioskPreset = (await menu.locator('option', { hasText: /^Kiosk / }).first().textContent())!;
  await menu.selectOption({ label: kioskPreset });
  await expect.poll(() => root.getAttribute('data-layout')).toBe('2');
  await wall.getByTestId('hls-player').first().waitFor();
  await screenshot(wall, 'wall-presets-1920x1080');

  // Delete asks again inline (no dialog), then the preset is gone.
  await select.selectOption({ label: `Three ${tag} (3×3)` });
  await wall.getByRole('button', { name: 'Delete' }).click();
  await wall.getByRole('button', { name: 'Really delete?' }).click();
  await expect.poll(() => wall.getByTestId('wall-preset-status').innerText()).toBe(`Delete Three ${tag}: done`);
  await expect.poll(() => select.locator('option', { hasText: `Three ${tag}` }).count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

it('a camera whose stream freezes (playlist no longer growing, no error) is shown as lost, not as a live still frame', async () => {
  const { rows } = await t.app.pool.query<{ agency_id: string }>(`SELECT agency_id FROM camera WHERE external_id = 'test-pattern-demo'`);
  const tag = crypto.randomBytes(3).toString('hex');
  // A hung encoder: a copy of the demo stream's live playlist and segments that never changes again.
  const streams = streamsDir(t.app.dataDir);
  const frozenDir = path.join(streams, `frozen-${tag}`);
  await fs.mkdir(frozenDir);
  // ffmpeg deletes old segments as it goes: a copy that loses that race is simply taken again.
  for (let attempt = 1; ; attempt++) {
    try {
      const playlist = await fs.readFile(path.join(streams, 'demo', 'index.m3u8'), 'utf8');
      for (const seg of playlist.split('\n').filter((l) => l.endsWith('.ts'))) await fs.copyFile(path.join(streams, 'demo', seg), path.join(frozenDir, seg));
      await fs.writeFile(path.join(frozenDir, 'index.m3u8'), playlist);
      break;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
  const frozen = await upsertStreamCamera(t.app.pool, rows[0]!.agency_id, {
    externalId: `frozen-${tag}`, name: `Frozen ${tag}`, lat: 37.78, lon: -122.41, heading: null, streamUrl: `${t.app.url}/streams/frozen-${tag}/index.m3u8`,
  });
  const cookie = await adminCookie();
  const presetId = await savePreset(cookie, `Frozen ${tag}`, 1, [frozen]);

  const context = await t.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new ConsolePage(page, t.app.url).signIn('admin', ADMIN_PASSWORD);
  await page.goto(`${t.app.url}/wall`);
  await page.getByTestId('wall').waitFor();
  expect((await fetch(`${t.app.url}/api/wall/presets/${presetId}/load`, { method: 'POST', headers: { cookie } })).status).toBe(200);
  const op = new OperatorPages(page, t.app.url);
  // It plays what the playlist holds, then the picture stops: within FROZEN_MS (+ margin) the tile says so.
  await op.player(frozen).and(page.locator('[data-state="playing"]')).waitFor({ timeout: 30_000 });
  const t0 = Date.now();
  await op.player(frozen).and(page.locator('[data-state="nosignal"]')).waitFor({ timeout: FROZEN_MS + 20_000 });
  expect(Date.now() - t0).toBeGreaterThan(1000); // it did play for a moment first: the watchdog, not a load error
  expect(await op.player(frozen).innerText()).toContain('Lost or frozen');
  await screenshot(page, 'wall-frozen-camera-1280x720');
  expect(errors).toEqual([]);
  await context.close();
});
