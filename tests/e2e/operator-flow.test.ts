import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { newApiKey } from '@/lib/ingest/api-keys';
import { upsertStreamCamera } from '@/lib/video/test-pattern';
import { ADMIN_PASSWORD, startE2eApp, type E2eApp } from './support/app-process';
import { ConsolePage, launchBrowser, openLiveConsole, screenshot } from './support/browser';
import { closeLeftOpenIncidents, OperatorPages } from './support/operator';

let app: E2eApp;
let browser: Browser;

// City Hall, where TEST_STREAMS=1 puts the ffmpeg test-pattern camera (lib/video/start-test-streams.ts).
const SPOT = { lat: 37.7793, lon: -122.4193 };

beforeAll(async () => {
  [app, browser] = await Promise.all([startE2eApp({ DEMO: '0', TEST_STREAMS: '1' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('log in → an incident arrives → open it → its camera plays → send to wall → the wall shows it', async () => {
  // A failure on CI leaves only this output: the server's last lines say what it was doing.
  onTestFailed(() => console.log(`server output (tail):\n${app.output().slice(-4000)}`));
  const { rows } = await app.pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  const agencyId = rows[0]!.id;
  const tag = crypto.randomBytes(3).toString('hex');
  const demo = await app.pool.query<{ id: string }>(`SELECT id FROM camera WHERE agency_id = $1 AND external_id = 'test-pattern-demo'`, [agencyId]);
  const liveCam = demo.rows[0]!.id;
  // Nothing listens on port 9: this camera must show "No signal", never break the page.
  const deadCam = await upsertStreamCamera(app.pool, agencyId, {
    externalId: `e2e-dead-${tag}`, name: `E2E unreachable ${tag}`, lat: SPOT.lat, lon: SPOT.lon + 0.0002, heading: null,
    streamUrl: 'http://127.0.0.1:9/live/index.m3u8',
  });
  const key = newApiKey();
  await app.pool.query(
    `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'gunshot', $3, $4, $5)`,
    // A name unique per attempt: the e2e project retries once, on the same database.
    [crypto.randomUUID(), agencyId, `E2E sensor ${key.hint}`, key.hash, key.hint],
  );

  const { page, errors } = await openLiveConsole(browser, app.url, 'admin', ADMIN_PASSWORD);
  const op = new OperatorPages(page, app.url);
  // A retry's gunshot at City Hall must not join an incident the first attempt left open there.
  for (const status of await closeLeftOpenIncidents(page, app.pool, agencyId)) expect(status).toBe(200);

  // An incident arrives: a priority-1 gunshot posted through the ingest API; the correlator opens an incident.
  const res = await fetch(`${app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
    body: JSON.stringify({
      events: [{ externalId: `e2e-${tag}`, kind: 'gunshot', typeCode: 'Multiple_Gunshots', occurredAt: new Date().toISOString(),
        lat: SPOT.lat, lon: SPOT.lon, priority: 1, title: `E2E shots fired ${tag}`, address: '1 Dr Carlton B Goodlett Pl' }],
    }),
  });
  expect(res.status).toBe(202);
  const item = page.locator('[data-testid="queue-item"]', { hasText: `E2E shots fired ${tag}` });
  await item.waitFor({ timeout: 15_000 });
  const incidentId = (await item.getAttribute('data-incident-id'))!;
  expect(await item.getAttribute('data-priority')).toBe('1');
  await page.locator('[data-testid="p1-toast"]', { hasText: tag }).waitFor({ timeout: 5000 });
  await screenshot(page, 'operator-console-1920x1080');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'operator-console-1024x768');
  await page.setViewportSize({ width: 768, height: 1024 }); // supervisor tablet, portrait
  await screenshot(page, 'operator-console-768x1024');
  await page.setViewportSize({ width: 1920, height: 1080 });
  // The shortcut overlay lists the operator keys.
  await page.keyboard.press('?');
  await page.getByTestId('shortcut-help').waitFor();
  expect(await page.getByTestId('shortcut-help').innerText()).toContain('Send the selected incident to the video wall');
  await screenshot(page, 'operator-shortcuts-1920x1080');
  await page.keyboard.press('Escape');
  await page.getByTestId('shortcut-help').waitFor({ state: 'hidden' });

  // Keyboard: j selects the top incident (the only one), Enter opens it.
  await page.keyboard.press('j');
  await expect.poll(() => item.getAttribute('aria-selected')).toBe('true');
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  await page.keyboard.press('Enter');
  // 'commit': the unreachable camera's <video> may hold the load event of a full page load; the workspace is
  // waited for on the next line.
  await page.waitForURL(`${app.url}/incidents/${incidentId}`, { waitUntil: 'commit' });
  await page.locator('[data-testid="incident-workspace"]:not([data-pending])').waitFor(); // the whole workspace, not its first frame
  // Enter opens the workspace over the kept console, as a click does (no full page load).
  expect(await page.evaluate(() => '__sameDocument' in window), 'Enter opened the workspace by a full page load').toBe(true);
  await op.player(liveCam).waitFor({ timeout: 15_000 });
  const played = await op.waitVideoAdvances(liveCam, 1);
  expect(played.to).toBeGreaterThan(played.from);
  await op.player(deadCam).and(page.locator('[data-state="nosignal"]')).waitFor({ timeout: 30_000 });

  // Whoever watched is on record (audited once per viewing, not per playlist refresh).
  const audited = await app.pool.query(`SELECT 1 FROM audit_log WHERE action = 'video.view' AND target_id = $1`, [liveCam]);
  expect(audited.rowCount).toBe(1);

  await page.getByRole('button', { name: 'Send to wall' }).click();
  await expect.poll(() => page.getByTestId('action-status').innerText()).toContain('Send to wall: done');
  await screenshot(page, 'operator-incident-1920x1080');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'operator-incident-1024x768');

  // The wall (its own browser and session, as on a wall workstation) shows the incident and plays its camera.
  const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const wall = await wallContext.newPage();
  wall.on('pageerror', (e) => errors.push(e.message));
  await new ConsolePage(wall, app.url).signIn('admin', ADMIN_PASSWORD);
  await wall.goto(`${app.url}/wall`);
  await wall.locator(`[data-testid="wall"][data-incident-id="${incidentId}"]`).waitFor({ timeout: 15_000 });
  const wallOp = new OperatorPages(wall, app.url);
  await wallOp.waitVideoAdvances(liveCam, 1);
  await screenshot(wall, 'wall-1920x1080');
  await wall.setViewportSize({ width: 1024, height: 768 });
  await screenshot(wall, 'wall-1024x768');
  await wallContext.close();

  // Acknowledge from the workspace: the status changes live on the page.
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect.poll(() => page.getByTestId('incident-workspace').getAttribute('data-status'), { timeout: 10_000 }).toBe('acknowledged');
  expect(errors).toEqual([]);
});
