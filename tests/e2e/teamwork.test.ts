import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from './support/app-process';
import { ConsolePage, launchBrowser, screenshot } from './support/browser';
import { OperatorPages } from './support/operator';
import { E2E_PASSWORD, makeE2eSource, makeE2eUser, postEvents } from './support/teamwork';
import { touchTargetProblems } from './support/touch-targets';

/**
 * Supervisors, teamwork and the field, in real Chromium on the users' devices: a supervisor's tablet reads the
 * dashboard and drills down to an incident; two operators see each other on it, exchange a note, hand it off and
 * download its report; a responder's phone opens the brief, plays its live video, gets a pushed update, and sees
 * the link die when the incident closes.
 */
let app: E2eApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
// City Hall, where TEST_STREAMS=1 puts the ffmpeg test-pattern camera.
const SPOT = { lat: 37.7793, lon: -122.4193 };
const MIN = 60_000;

beforeAll(async () => {
  [app, browser] = await Promise.all([startE2eApp({ DEMO: '0', TEST_STREAMS: '1' }), launchBrowser()]);
});
// An attempt's browsers are closed when it ends: a failed one's would otherwise keep playing video, and reporting
// page errors into `errors`, through its retry (the e2e project retries once, in the same app).
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => {});
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await app?.stop();
});

/** Four browsers, the app and its database on two cores that other engineers share: generous waits, no sleeps. */
function slowMachine(page: Page): void {
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(90_000);
}

async function open(user: { username: string }, viewport: { width: number; height: number }, touch = true): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: touch, isMobile: false, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  slowMachine(page);
  page.on('pageerror', (e) => errors.push(`${user.username}: ${e.message}`));
  await new ConsolePage(page, app.url).signIn(user.username, E2E_PASSWORD);
  // Three browsers and the app on two shared cores: the first connect can take longer than the helper's 30 s.
  await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ timeout: 60_000 });
  return page;
}

it('dashboard → incident; presence, note and hand-off between two operators; report; responder brief on a phone', async () => {
  errors.length = 0; // a retry's own
  const tag = crypto.randomBytes(3).toString('hex');
  const [sup, opA, opB] = [await makeE2eUser(app.pool, 'supervisor', 'Sam Supervisor'), await makeE2eUser(app.pool, 'operator', 'Olga Operator'), await makeE2eUser(app.pool, 'operator', 'Omar Operator')];
  const gunshots = await makeE2eSource(app.pool, 'gunshot');
  const cad = await makeE2eSource(app.pool, 'cad');
  const now = Date.now();
  await postEvents(app.url, gunshots, [{ externalId: `g-${tag}`, kind: 'gunshot', typeCode: 'Multiple_Gunshots', occurredAt: new Date(now).toISOString(), ...SPOT, priority: 1, title: `Shots fired ${tag}`, address: '1 Dr Carlton B Goodlett Pl' }]);
  // CAD calls over the last hours (for the dashboard's times), and one a week ago (its comparison line).
  const cadRow = (n: number, at: number) => ({
    externalId: `cad-${tag}-${n}`, kind: 'cad', typeCode: 'Medical Incident', occurredAt: new Date(at).toISOString(), lat: 37.7599 + n * 0.001, lon: -122.4148, priority: 2, title: 'Medical Incident',
    payload: { callNumber: `${tag}-${n}`, unitId: `M${n}`, dispatchAt: new Date(at + (60 + n * 20) * 1000).toISOString(), onSceneAt: new Date(at + (400 + n * 30) * 1000).toISOString(), availableAt: new Date(at + 50 * MIN).toISOString() },
  });
  await postEvents(app.url, cad, [...[1, 2, 3, 4, 5].map((n) => cadRow(n, now - n * 25 * MIN)), cadRow(9, now - 7 * 24 * 60 * MIN - 30 * MIN)]);
  // By the event, not the title: a retry's shots at the same spot join the first attempt's incident.
  const incident = async () => (await app.pool.query<{ id: string; number: string }>(
    `SELECT i.id, i.number FROM incident_event ie JOIN event e ON e.seq = ie.event_seq JOIN incident i ON i.id = ie.incident_id WHERE e.external_id = $1 AND i.status <> 'merged'`, [`g-${tag}`])).rows[0];
  await expect.poll(incident, { timeout: 20_000 }).toBeTruthy();
  const { id: incidentId, number } = (await incident())!;
  const camera = (await app.pool.query<{ camera_id: string }>(`SELECT camera_id FROM incident_camera WHERE incident_id = $1 ORDER BY rank LIMIT 1`, [incidentId])).rows[0]!.camera_id;

  // 1. The supervisor's tablet (portrait, touch): the dashboard, then P1 → the incident behind it.
  const tablet = await open(sup, { width: 768, height: 1024 });
  await tablet.goto(`${app.url}/dashboard`);
  await tablet.locator('[data-testid="dashboard"][data-loaded="1"]').waitFor({ timeout: 20_000 });
  await tablet.getByTestId('echart').first().locator('canvas').waitFor();
  await expect.poll(() => tablet.getByTestId('open-p1').innerText()).toMatch(/^[1-9]/);
  expect(Number(/(\d+) CAD calls/.exec(await tablet.getByTestId('card-response').innerText())?.[1])).toBeGreaterThanOrEqual(5);
  await screenshot(tablet, 'dashboard-768x1024');
  const { small, outside, pageOverflowPx } = await touchTargetProblems(tablet);
  expect({ small, outside, pageOverflowPx }).toEqual({ small: [], outside: [], pageOverflowPx: 0 });
  await tablet.getByTestId('open-p1').tap();
  await tablet.getByTestId('drill-panel').getByTestId('drill-item').first().waitFor();
  await tablet.getByTestId('drill-map').locator('svg').waitFor();
  await screenshot(tablet, 'dashboard-drill-768x1024');
  await tablet.getByTestId('drill-item').filter({ hasText: `#${number} ` }).tap();
  await tablet.waitForURL(`${app.url}/incidents/${incidentId}`);
  await tablet.setViewportSize({ width: 1024, height: 768 });
  await tablet.goto(`${app.url}/dashboard`);
  await tablet.locator('[data-testid="dashboard"][data-loaded="1"]').waitFor();
  await screenshot(tablet, 'dashboard-1024x768');

  // 2. Two operators on the same incident see each other, exchange a note, and A hands it off to B.
  const a = await open(opA, { width: 1024, height: 768 });
  const b = await open(opB, { width: 1024, height: 768 });
  await a.goto(`${app.url}/incidents/${incidentId}`);
  await b.goto(`${app.url}/incidents/${incidentId}`);
  for (const [page, other] of [[a, opB], [b, opA]] as const) await page.locator(`[data-testid="viewer"][data-user-id="${other.id}"]`).waitFor({ timeout: 10_000 });
  await a.getByLabel('New note').fill(`Two shooters reported, @${opB.username} watch the north camera`);
  await a.getByRole('button', { name: 'Add note' }).click();
  await b.getByTestId('note').filter({ hasText: 'Two shooters reported' }).last().waitFor({ timeout: 10_000 });
  await b.getByTestId('team-notices-button').waitFor();
  await b.getByLabel('New note').fill('On it');
  await b.getByRole('button', { name: 'Add note' }).click();
  await a.getByTestId('note').filter({ hasText: 'On it' }).last().waitFor({ timeout: 10_000 });
  await a.getByRole('button', { name: 'Take ownership' }).click();
  await b.locator(`[data-testid="owner"][data-user-id="${opA.id}"]`).waitFor({ timeout: 10_000 });
  await a.getByRole('button', { name: 'Hand off my incidents…' }).click();
  await a.getByLabel('Hand off to').selectOption(opB.id);
  await a.getByLabel('Hand-off note').fill('Shift change: follow up with the second caller');
  await a.getByRole('button', { name: 'Hand off', exact: true }).click();
  await b.locator(`[data-testid="owner"][data-user-id="${opB.id}"]`).waitFor({ timeout: 10_000 });
  await b.getByTestId('note').filter({ hasText: 'Shift change: follow up' }).last().waitFor();
  await screenshot(b, 'incident-teamwork-1024x768');
  await b.setViewportSize({ width: 768, height: 1024 });
  await screenshot(b, 'incident-teamwork-768x1024');
  // Portrait tablet: "why priority" is whole, below the cameras, not squeezed under the timeline.
  const why = await b.getByTestId('incident-reasons').boundingBox();
  const timeline = await b.getByTestId('incident-timeline').boundingBox();
  expect(why!.y + why!.height).toBeLessThanOrEqual(timeline!.y);
  await b.setViewportSize({ width: 1024, height: 768 });

  // 3. The report downloads with its timeline.
  // Fetched with the operator's browser session (Chromium's headless download of an .html attachment is canceled
  // as a dangerous file type, which is a browser setting, not the console's answer).
  const href = (await a.getByTestId('download-report').getAttribute('href'))!;
  const download = await a.context().request.get(new URL(href, app.url).href);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="incident-.+-report\.html"$/);
  const html = await download.text();
  expect(html).toContain('Timeline (UTC)');
  expect(html).toContain(`Incident ${number}`);
  expect(html).toContain('Shift change: follow up with the second caller');

  // 4. B sends unit E12 a brief; it opens on a phone, plays live video, takes a pushed update, dies on close.
  await b.getByLabel('Brief unit').fill('E12');
  await b.getByRole('button', { name: 'Send brief' }).click();
  const link = (await b.getByTestId('brief-link').locator('code').innerText()).trim();
  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  contexts.push(phoneCtx);
  const phone = await phoneCtx.newPage();
  slowMachine(phone);
  phone.on('pageerror', (e) => errors.push(`phone: ${e.message}`));
  await phone.goto(link);
  await phone.getByTestId('brief-title').waitFor();
  expect(await phone.getByTestId('brief').innerText()).toContain(`#${number}`);
  const played = await new OperatorPages(phone, app.url).waitVideoAdvances(camera, 1);
  expect(played.to).toBeGreaterThan(played.from);
  const version = await phone.getByTestId('brief').getAttribute('data-version');
  await postEvents(app.url, gunshots, [{ externalId: `g2-${tag}`, kind: 'gunshot', typeCode: 'Multiple_Gunshots', occurredAt: new Date().toISOString(), lat: SPOT.lat + 0.0003, lon: SPOT.lon, priority: 1, title: `More shots ${tag}`, address: '1 Dr Carlton B Goodlett Pl' }]);
  await phone.getByTestId('brief-latest').filter({ hasText: `More shots ${tag}` }).waitFor({ timeout: 20_000 });
  expect(await phone.getByTestId('brief').getAttribute('data-version')).not.toBe(version);
  await screenshot(phone, 'brief-390x844');
  const phoneTargets = await touchTargetProblems(phone);
  expect(phoneTargets.pageOverflowPx).toBe(0);
  const opens = await app.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'brief.open'`);
  expect(opens.rows[0].n).toBeGreaterThanOrEqual(2); // the page and its live channel

  await b.getByRole('button', { name: 'Close', exact: true }).click();
  await phone.getByTestId('brief-ended').waitFor({ timeout: 15_000 });
  await phone.reload();
  await phone.getByTestId('brief-gone').waitFor();
  await screenshot(phone, 'brief-ended-390x844');
  expect(errors).toEqual([]);
}, 480_000);
