import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD } from './support/app-process';
import { ConsolePage, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

// As a newcomer's `npm start` on a fresh machine: embedded PostgreSQL and embedded MQTT broker, default speed.
delete process.env.MQTT_URL;
const t = e2eSuite({ DEMO: '1' });
const BUDGET_MS = 120_000;

const debug = (page: Page, field: string) =>
  page.evaluate((f) => (window as unknown as { __rtcc?: Record<string, number> }).__rtcc?.[f] ?? 0, field);

it('a first start shows units moving, gunshots, 911 calls, LPR and sensor events, and live demo video, within two minutes', async () => {
  const started = Date.now();
  const left = () => Math.max(1000, BUDGET_MS - (Date.now() - started));
  const stage = (what: string) => console.log(`demo e2e: ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Signed in as openLiveConsole does, but the first live sync may take longer than its 30 s on a loaded machine
  // (SwiftShader compiling the map's shaders): the two-minute budget is what this test holds the demo to.
  const context = await t.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new ConsolePage(page, t.app.url).signIn('admin', ADMIN_PASSWORD);
  await page.waitForSelector('[data-testid="connection-state"][data-state="live"]', { timeout: left() });
  stage('console live');

  // Every kind reaches the console's live store (the map and the feed draw from it) in the first two minutes.
  const kinds = ['avl', 'cad', 'call911', 'gunshot', 'lpr', 'sensor'];
  const applied = () => page.evaluate(() => (window as unknown as { __rtcc?: { eventKinds?: Record<string, number> } }).__rtcc?.eventKinds ?? {});
  await expect
    .poll(async () => {
      const got = await applied();
      return kinds.filter((k) => !((got[k] ?? 0) > 0));
    }, { timeout: left(), interval: 2000 })
    .toEqual([]);
  stage(`event kinds ${JSON.stringify(await applied())}`);
  // Waited for, not read once: on a retry (same app, the demo long started) every kind is in the first snapshot, before
  // the page has drawn its feed and map.
  await expect.poll(() => page.locator('[data-testid="feed-item"]').count(), { timeout: left() }).toBeGreaterThan(5);
  await expect.poll(() => debug(page, 'mapPoints'), { timeout: left() }).toBeGreaterThan(100);

  // Units: the whole fleet on the map, and some of it driving (their reported positions change).
  await page.waitForFunction(() => ((window as unknown as { __rtcc?: { mapUnits?: number } }).__rtcc?.mapUnits ?? 0) > 100, null, { timeout: left() });
  const positions = () =>
    page.evaluate(async () => {
      const body = (await (await fetch('/api/units', { cache: 'no-store' })).json()) as { units: { callSign: string; lat: number; lon: number }[] };
      return Object.fromEntries(body.units.map((u) => [u.callSign, `${u.lat},${u.lon}`]));
    });
  const before = await positions();
  await expect.poll(async () => {
    const now = await positions();
    return Object.keys(now).filter((u) => before[u] && now[u] !== before[u]).length;
  }, { timeout: Math.min(30_000, left()), interval: 2000 }).toBeGreaterThan(2);
  stage('units moving');
  await screenshot(page, 'demo-console-1920x1080');

  // The wall shows the demo cameras, live.
  const wall = await context.newPage();
  wall.on('pageerror', (e) => errors.push(e.message));
  await wall.goto(`${t.app.url}/wall`);
  await wall.locator('[data-testid="hls-player"][data-state="playing"]').first().waitFor({ timeout: left() });
  stage('wall playing');
  const elapsed = Date.now() - started;
  expect(await wall.getByTestId('hls-player').count()).toBe(4);
  await screenshot(wall, 'demo-wall-1920x1080');

  // An incident inside a demo camera's view plays that camera in its workspace.
  const { rows } = await t.app.pool.query<{ id: string }>(
    `SELECT ic.incident_id AS id FROM incident_camera ic JOIN camera c ON c.id = ic.camera_id
      WHERE c.external_id LIKE 'demo-video-%' ORDER BY ic.attached_at DESC LIMIT 1`,
  );
  expect(rows[0], 'an incident seen by a demo camera').toBeDefined();
  const workspace = new ConsolePage(wall, t.app.url);
  await workspace.page.goto(`${t.app.url}/incidents/${rows[0]!.id}`);
  // Not part of the two-minute budget: the video is the same stream the wall already plays.
  await wall.locator('[data-testid="hls-player"][data-state="playing"]').first().waitFor({ timeout: 45_000 });
  stage('incident workspace playing');
  await screenshot(wall, 'demo-incident-1920x1080');
  console.log(`demo: every kind, moving units and the wall playing ${elapsed} ms after the console was ready`);
  expect(elapsed).toBeLessThan(BUDGET_MS);
  expect(errors).toEqual([]);
  await context.close();
}, 240_000);
