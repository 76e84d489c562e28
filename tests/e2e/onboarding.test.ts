import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, startE2eApp, type E2eApp } from './support/app-process';
import { ConsolePage, launchBrowser, screenshot } from './support/browser';

let app: E2eApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startE2eApp({ DEMO: '0' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** `MM/dd/yyyy hh:mm:ss AM` in Chicago, as the portal's export writes it. */
function chicagoLocal(t: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: true })
      .formatToParts(t)
      .map((x) => [x.type, x.value]),
  );
  return `${p.month}/${p.day}/${p.year} ${p.hour}:${p.minute}:${p.second} ${p.dayPeriod}`;
}

/** A Chicago ShotSpotter export of the last hour (live, so the console shows it), with two rows it must refuse. */
function exportCsv(tag: string): string {
  const now = Date.now();
  const rows = [
    [`${tag}-1`, chicagoLocal(now - 50 * 60_000), '6300 S ASHLAND AVE', 'MULTIPLE GUNSHOTS', '41.7794', '-87.6638'],
    [`${tag}-2`, chicagoLocal(now - 40 * 60_000), '1100 W 79TH ST', 'SINGLE GUNSHOT', '41.7506', '-87.6533'],
    [`${tag}-3`, chicagoLocal(now - 30 * 60_000), '4800 W CHICAGO AVE', 'Multiple Gunshots', '41.8953', '-87.7459'],
    [`${tag}-4`, chicagoLocal(now - 20 * 60_000), '3900 W ROOSEVELT RD', 'MULTIPLE GUNSHOTS', '', ''],
    [`${tag}-5`, '13/45/2024 01:00:00 AM', '700 E 63RD ST', 'SINGLE GUNSHOT', '41.7801', '-87.6081'],
    [`${tag}-6`, chicagoLocal(now - 10 * 60_000), '2000 W MADISON ST', 'SINGLE GUNSHOT', '41.8816', '-87.6772'],
  ];
  const lines = rows.map(([id, date, block, type, lat, lon]) => `${id},${date},${block},${type},${lat},${lon},${lat ? `POINT (${lon} ${lat})` : ''}`);
  return ['ID,DATE,BLOCK,INCIDENT_TYPE_DESCRIPTION,LATITUDE,LONGITUDE,LOCATION', ...lines].join('\n');
}

async function pick(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption(value);
}

it('an administrator creates an agency; its admin maps a CSV with the preview, imports it, downloads the rejects, and the console opens on the new city with its events', async () => {
  const tag = crypto.randomBytes(3).toString('hex');
  const slug = `chicago-${tag}`;
  const platform = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await new ConsolePage(platform, app.url).signIn('admin', ADMIN_PASSWORD);
  await platform.goto(`${app.url}/admin/agencies`);
  const form = platform.getByTestId('agency-form');
  await form.getByLabel('Name', { exact: true }).fill(`Chicago PD ${tag}`);
  await form.getByLabel('Slug', { exact: true }).fill(slug);
  await form.getByLabel('Time zone', { exact: true }).fill('America/Chicago');
  await form.getByLabel('Home latitude', { exact: true }).fill('41.84');
  await form.getByLabel('Home longitude', { exact: true }).fill('-87.68');
  await form.getByLabel('Zoom', { exact: true }).fill('11');
  await form.getByLabel('First admin username', { exact: true }).fill(`cpd-${tag}`);
  await form.getByRole('button', { name: 'Create agency' }).click();
  const password = (await platform.getByTestId('agency-admin-password-value').innerText()).trim();
  await platform.getByTestId('agency-row').filter({ hasText: slug }).waitFor();

  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new ConsolePage(page, app.url).signIn(`cpd-${tag}`, password);
  await page.goto(`${app.url}/admin/sources`);
  await page.getByLabel('Name').fill('ShotSpotter export');
  await page.getByLabel('Kind').selectOption('gunshot');
  await page.getByRole('button', { name: 'Create source and key' }).click();
  await page.getByTestId('api-key-once').waitFor();
  await page.getByRole('link', { name: 'ShotSpotter export' }).click();
  await page.getByTestId('mapping-file').waitFor();

  await page.getByTestId('mapping-file').setInputFiles({ name: 'shotspotter_alerts.csv', mimeType: 'text/csv', buffer: Buffer.from(exportCsv(tag)) });
  await page.getByTestId('mapping-form').waitFor();
  await pick(page, 'Id from', 'col:ID');
  await pick(page, 'Type code from', 'col:INCIDENT_TYPE_DESCRIPTION');
  await pick(page, 'Date / time from', 'col:DATE');
  await page.getByLabel('Date format').fill('MM/dd/yyyy hh:mm:ss a');
  await pick(page, 'Location', 'point');
  await pick(page, 'Point column', 'LOCATION');
  // The preview follows the edits: 4 of 6 accepted, the two bad rows refused with their field.
  await page.waitForFunction(() => /4 would be accepted/.test(document.querySelector('[data-testid="preview-summary"]')?.textContent ?? ''), null, { timeout: 20_000 });
  const refusals = await page.getByTestId('preview-refusal').allInnerTexts();
  expect(refusals.map((r) => r.split('—')[0]!.trim())).toEqual(['refused: lat', 'refused: occurredAt']);
  expect(await page.getByTestId('preview-row').first().innerText()).toContain('Multiple_Gunshots');
  await screenshot(page, 'onboarding-mapping-preview-1920x1080');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'onboarding-mapping-preview-1024x768');
  await page.setViewportSize({ width: 1920, height: 1080 });

  await page.getByTestId('save-mapping').click();
  await page.getByText('Saved', { exact: true }).waitFor();
  await page.getByRole('button', { name: /^Import/ }).click();
  await page.locator('[data-testid="import-job"][data-status="done"]').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('import-counts').innerText()).toMatch(/4 accepted · 0 duplicates · 2 refused/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-rejects').click()]);
  const rejects = (await fs.readFile((await download.path())!, 'utf8')).trim().split(/\r?\n/);
  expect(rejects[0]).toBe('ID,DATE,BLOCK,INCIDENT_TYPE_DESCRIPTION,LATITUDE,LONGITUDE,LOCATION,rtcc_row,rtcc_field,rtcc_reason');
  expect(rejects.slice(1).map((l) => l.split(',').slice(-3, -1).join(','))).toEqual(['5,lat', '6,occurredAt']);

  // The console opens on the new agency's city, with its events in the feed.
  const console_ = new ConsolePage(page, app.url);
  await page.goto(`${app.url}/`);
  await console_.waitLive();
  await page.waitForFunction(() => (window.__rtcc?.mapCenter?.[1] ?? 0) > 41, null, { timeout: 30_000 });
  const center = await page.evaluate(() => window.__rtcc!.mapCenter!);
  expect(center[0]).toBeCloseTo(-87.68, 1);
  expect(center[1]).toBeCloseTo(41.84, 1);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="feed-item"]').length >= 4, null, { timeout: 30_000 });
  await screenshot(page, 'onboarding-console-1920x1080');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'onboarding-console-1024x768');
  expect(errors).toEqual([]);
  await ctx.close();
  await platform.close();
});
