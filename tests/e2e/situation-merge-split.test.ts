import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freePort } from '../helpers/test-app';
import { ADMIN_PASSWORD } from './support/app-process';
import { openLiveConsole, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';
import { cadRecord, eidoCall, gunshots, makeSource, north, postDoor, pressPanicButton } from './support/shooting-scenario';
import { E2E_PASSWORD, makeE2eUser } from './support/teamwork';
import { touchTargetProblems } from './support/touch-targets';

/**
 * One shooting reported by every kind of source, each through its real door, becomes ONE situation in the queue
 * with its join reasons and the camera that sees it. An operator splits the panic alarm out (two rows) and merges
 * it back (one row) from the incident workspace; then the CAD close record closes it and the open workspace shows
 * Closed without a reload.
 */
const mqttPort = await freePort();
// The app's own broker (its per-source credentials are what the panic button signs in with), even where CI sets
// MQTT_URL to a machine-wide broker.
const suite = e2eSuite({ DEMO: '0', MQTT_URL: '', MQTT_PORT: String(mqttPort) });

// 24th and Mission: far from the test-pattern camera at City Hall, so only the cameras registered here can see it.
// The e2e project retries once on the same database: a retry's shooting happens 1.5 km further east.
let attempt = 0;
const spotOf = (n: number) => ({ lat: 37.75222, lon: -122.41842 + n * 0.017 });
const MIN = 60_000;

const queueRows = (page: Page) => page.locator('[data-testid="queue-item"]');
const rowIds = async (page: Page) => (await queueRows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-incident-id')))).sort();
const timelineSeqs = (page: Page) => page.locator('[data-testid="timeline-event"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-seq')));

it('a shooting from five kinds of source is one queue row with reasons and its camera; split, merge back, CAD close', async () => {
  const { app, browser } = suite;
  const SPOT = spotOf(attempt++);
  const tag = crypto.randomBytes(3).toString('hex');
  const [gun, calls, cad, sensor, cams] = await Promise.all(
    ['gunshot', 'call911', 'cad', 'sensor', 'camera'].map((k) => makeSource(app.pool, k, tag)),
  );

  // Cameras registered through the registry API after start: one looks north at the spot, one looks away from it.
  const below = north(SPOT, -90);
  await postDoor(app.url, 'cameras', cams!.key, {
    cameras: [
      { externalId: `e2e-north-${tag}`, name: `Mission looking north ${tag}`, ...below, heading: 0, fovDeg: 70, rangeM: 300, streamUrl: 'http://127.0.0.1:9/n/index.m3u8' },
      { externalId: `e2e-south-${tag}`, name: `Mission looking south ${tag}`, ...below, heading: 180, fovDeg: 70, rangeM: 300, streamUrl: 'http://127.0.0.1:9/s/index.m3u8' },
    ],
  });
  const camIds = await app.pool.query<{ id: string; external_id: string }>(`SELECT id, external_id FROM camera WHERE external_id LIKE $1`, [`e2e-%-${tag}`]);
  const seesIt = camIds.rows.find((c) => c.external_id.startsWith('e2e-north'))!.id;
  const looksAway = camIds.rows.find((c) => c.external_id.startsWith('e2e-south'))!.id;

  // A touch screen throughout (coarse pointer: the console's finger-sized targets), wide first, then tablet-wide.
  const { page, errors } = await openLiveConsole(browser, app.url, 'admin', ADMIN_PASSWORD, undefined, { hasTouch: true });
  const before = await rowIds(page);

  // The shooting, minute by minute, each report through its own door in the order the field sends them.
  const t0 = Date.now() - 6 * MIN;
  const at = (min: number) => new Date(t0 + min * MIN);
  await postDoor(app.url, 'gunshot', gun!.key, gunshots(`SST-${tag}-1`, at(0), SPOT, 4));
  await postDoor(app.url, 'gunshot', gun!.key, gunshots(`SST-${tag}-2`, at(0.2), north(SPOT, 30), 3));
  // A panic button of its own per attempt: the correlator keeps a sensor's alarms in the situation it alarmed for,
  // and a retry's presses of the first attempt's button would join the first attempt's shooting.
  const panic = `panic-2400-mission-${tag}`;
  await pressPanicButton(`mqtt://127.0.0.1:${mqttPort}`, sensor!, `press-${tag}`, at(1), north(SPOT, 20), panic);
  await expect.poll(async () => (await app.pool.query(`SELECT 1 FROM event WHERE external_id = $1`, [`${panic}:press-${tag}`])).rowCount, { timeout: 15_000 }).toBe(1);
  await postDoor(app.url, 'eido', calls!.key, eidoCall(`c1-${tag}`, at(2), north(SPOT, 120), 'Shots Fired', 'Caller heard several shots', 1));
  await postDoor(app.url, 'eido', calls!.key, eidoCall(`c2-${tag}`, at(2.5), north(SPOT, 80), 'Shots Fired', 'Shots fired, one down', 1));
  await postDoor(app.url, 'eido', calls!.key, eidoCall(`c3-${tag}`, at(3), north(SPOT, 150), 'Shooting', 'Person shot outside the store', 1));
  const cadNumber = `E2E-${tag}`;
  await postDoor(app.url, 'cad', cad!.key, cadRecord(cadNumber, 'dispatched', at(4), north(SPOT, 60)));

  // ONE new queue row for all seven reports, and the database agrees.
  const mine = await (async () => {
    await expect.poll(async () => (await app.pool.query(`SELECT 1 FROM incident WHERE number = $1`, [cadNumber])).rowCount, { timeout: 20_000 }).toBe(1);
    const { rows } = await app.pool.query<{ id: string }>(`SELECT i.id FROM incident i WHERE i.number = $1`, [cadNumber]);
    return rows[0]!;
  })();
  const kindsOf = async (id: string) =>
    (await app.pool.query<{ kind: string }>(`SELECT e.kind FROM incident_event ie JOIN event e ON e.seq = ie.event_seq WHERE ie.incident_id = $1 ORDER BY e.kind`, [id])).rows.map((r) => r.kind);
  await expect.poll(() => kindsOf(mine.id), { timeout: 20_000 }).toEqual(['cad', 'call911', 'call911', 'call911', 'gunshot', 'gunshot', 'sensor']);
  const row = queueRows(page).and(page.locator(`[data-incident-id="${mine.id}"]`));
  await row.waitFor({ timeout: 15_000 });
  await expect.poll(() => rowIds(page)).toEqual([...before, mine.id].sort());
  const rowText = await row.innerText();
  // The row says why it matters: the CAD's priority and how many calls joined.
  expect(rowText).toMatch(/shooting/i);
  expect(rowText).toMatch(/3 calls/);
  await screenshot(page, 'situation-queue-1920x1080');

  // The workspace: every join with its reason, and the camera that sees the spot (not the one looking away).
  await page.goto(`${app.url}/incidents/${mine.id}`);
  const ws = page.getByTestId('incident-workspace');
  await ws.waitFor();
  await expect.poll(() => timelineSeqs(page)).toHaveLength(7);
  const reasons = (await page.getByTestId('join-reason').allInnerTexts()).join('\n');
  expect(reasons).toMatch(/911 call \d+ m and \d+ min after gunshot burst/);
  expect(reasons).toMatch(/[Ss]ensor \d+ m and \d+ min after gunshot burst/);
  await page.locator(`[data-testid="hls-player"][data-camera-id="${seesIt}"]`).waitFor({ timeout: 15_000 });
  expect(await page.locator(`[data-testid="hls-player"][data-camera-id="${looksAway}"]`).count()).toBe(0);
  await screenshot(page, 'situation-workspace-1920x1080');

  // A console beside it shows the queue while the workspace works.
  const { page: queue, errors: queueErrors } = await openLiveConsole(browser, app.url, 'admin', ADMIN_PASSWORD);
  await queue.locator(`[data-testid="queue-item"][data-incident-id="${mine.id}"]`).waitFor({ timeout: 15_000 });

  // Split the panic alarm out, on a touch tablet's width: the picker's targets are finger-sized.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByRole('button', { name: 'Split out…' }).click();
  const sensorItem = page.locator('[data-testid="timeline-event"][data-kind="sensor"]');
  const sensorSeq = (await sensorItem.getAttribute('data-seq'))!;
  await sensorItem.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Split out 1 event' }).click();
  const dialog = page.getByTestId('split-dialog');
  await dialog.waitFor();
  expect((await touchTargetProblems(page)).small).toEqual([]);
  await screenshot(page, 'situation-split-768x1024');
  await dialog.getByRole('textbox').fill('panic alarm is a separate call');
  await dialog.getByRole('button', { name: 'Confirm split' }).click();
  const done = page.getByTestId('split-done');
  await done.waitFor();
  // The workspace follows the push: the alarm leaves this timeline; a second row appears in the queue.
  await expect.poll(() => timelineSeqs(page), { timeout: 15_000 }).not.toContain(sensorSeq);
  const splitId = (await done.getByRole('link').getAttribute('href'))!.split('/').pop()!;
  expect(await kindsOf(splitId)).toEqual(['sensor']);
  await expect.poll(() => rowIds(queue), { timeout: 15_000 }).toEqual([...before, mine.id, splitId].sort());

  // Merge it back from the split-off incident: "Merge into…" offers the shooting first (nearest).
  await done.getByRole('link').click();
  await page.waitForURL(`${app.url}/incidents/${splitId}`);
  await page.getByRole('button', { name: 'Merge into…' }).click();
  const merge = page.getByTestId('merge-dialog');
  // A wrong id first: the refusal is shown in the dialog, nothing changes.
  await merge.getByRole('searchbox').fill(crypto.randomUUID());
  await merge.getByRole('button', { name: /Incident with id/ }).click();
  await merge.getByRole('button', { name: 'Confirm merge' }).click();
  expect(await merge.getByTestId('merge-error').innerText()).toMatch(/Merge failed: .*no such incident/i);
  await merge.getByRole('button', { name: 'Back' }).click();
  await merge.getByRole('searchbox').fill('');
  const first = merge.getByTestId('merge-candidate').first();
  await first.waitFor();
  expect(await first.getAttribute('data-incident-id')).toBe(mine.id);
  await merge.getByRole('searchbox').fill(cadNumber);
  await expect.poll(() => merge.getByTestId('merge-candidate').count()).toBe(1);
  expect((await touchTargetProblems(page)).small).toEqual([]);
  await screenshot(page, 'situation-merge-768x1024');
  await merge.getByTestId('merge-candidate').click();
  await merge.getByRole('button', { name: 'Confirm merge' }).click();
  await page.waitForURL(`${app.url}/incidents/${mine.id}`);
  await expect.poll(() => rowIds(queue), { timeout: 15_000 }).toEqual([...before, mine.id].sort());
  await expect.poll(() => timelineSeqs(page), { timeout: 15_000 }).toContain(sensorSeq);
  // Why the alarm belongs here still reads plainly after its round trip: the latest move, then the original join.
  expect(await page.locator(`[data-testid="timeline-event"][data-seq="${sensorSeq}"] [data-testid="join-reason"]`).innerText())
    .toMatch(/^merged from SPLIT-\S+ by an operator: Sensor \d+ m and \d+ min after gunshot burst/);
  // This attempt's shooting (a retry finds the first attempt's split and merge too).
  const audited = await app.pool.query<{ action: string }>(`SELECT action FROM audit_log WHERE action IN ('incident.split', 'incident.merge') AND target_id = $1 ORDER BY at`, [mine.id]);
  expect(audited.rows.map((r) => r.action)).toEqual(['incident.split', 'incident.merge']);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'situation-merged-1920x1080');

  // A detective reads the incident but may not change it (incident.update): neither control is offered.
  const detective = await makeE2eUser(app.pool, 'detective', 'E2E Detective');
  const { page: reader, errors: readerErrors } = await openLiveConsole(browser, app.url, detective.username, E2E_PASSWORD);
  await reader.goto(`${app.url}/incidents/${mine.id}`);
  await expect.poll(() => reader.locator('[data-testid="timeline-event"]').count()).toBe(7);
  expect(await reader.getByRole('button', { name: /Merge into|Split out/ }).count()).toBe(0);
  errors.push(...readerErrors);
  await reader.context().close();

  // CAD clears it: the open workspace shows Closed without a reload, and the row leaves the queue.
  await postDoor(app.url, 'cad', cad!.key, cadRecord(cadNumber, 'cleared', new Date(), north(SPOT, 60)));
  await expect.poll(() => ws.getAttribute('data-status'), { timeout: 15_000 }).toBe('closed');
  expect(await page.getByTestId('incident-status').innerText()).toMatch(/closed.*cad/i);
  await expect.poll(() => rowIds(queue), { timeout: 15_000 }).toEqual(before);
  await screenshot(page, 'situation-closed-1920x1080');
  expect([...errors, ...queueErrors]).toEqual([]);
  await queue.context().close();
  await page.context().close();
}, 300_000);
