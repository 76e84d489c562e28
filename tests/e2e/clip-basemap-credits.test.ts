import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hashPassword } from '@/lib/auth/password';
import { startHlsFixture, type HlsFixture } from '../helpers/hls-fixture';
import { ADMIN_PASSWORD } from './support/app-process';
import { ConsolePage, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';
import { sha256 } from './support/evidence';

const t = e2eSuite({ DEMO: '0' });
let hls: HlsFixture | null = null;
afterAll(async () => {
  await hls?.stop();
});

type W = { __rtcc?: { mapSources?: string[] } };
// A first map in a fresh Chromium on software WebGL takes tens of seconds on a loaded 2-core machine.
const waitSource = (page: Page, id: string) => page.waitForFunction((i) => ((window as unknown as W).__rtcc?.mapSources ?? []).includes(i), id, { timeout: 90_000 });

/** Copies a screenshot where the lead looks at them (outside the repository's tracked files). */
async function shot(page: Page, name: string) {
  const file = await screenshot(page, name);
  const dir = process.env.RTCC_SHOTS_DIR;
  if (dir) await fs.mkdir(dir, { recursive: true }).then(() => fs.copyFile(file, path.join(dir, `${name}.png`)));
}

async function addUser(agencyId: string, role: string): Promise<{ username: string; password: string }> {
  const tag = crypto.randomBytes(4).toString('hex');
  const user = { username: `${role}-${tag}`, password: `${role}-password-${tag}` };
  await t.app.pool.query(`INSERT INTO app_user (id, agency_id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $3, $4, $5)`, [
    crypto.randomUUID(), agencyId, user.username, role, await hashPassword(user.password),
  ]);
  return user;
}

const credit = (page: Page) => page.locator('.maplibregl-ctrl-attrib-inner').innerText();

it('a clip recorded from an fMP4 (EXT-X-MAP) playlist plays back in Chromium with its verified SHA-256', async () => {
  await hls?.stop(); // a retry's: the first attempt's fixture
  hls = await startHlsFixture('fmp4');
  const { rows } = await t.app.pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  const agencyId = rows[0]!.id;
  const cameraId = crypto.randomUUID();
  await t.app.pool.query(`INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url) VALUES ($1, $2, $3, 'Market & 5th (fMP4)', 37.78, -122.41, 'hls', $4)`, [
    cameraId, agencyId, `cam-${cameraId.slice(0, 8)}`, hls.url,
  ]);
  const det = await addUser(agencyId, 'detective');
  const page = await t.browser.newPage({ viewport: { width: 1600, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new ConsolePage(page, t.app.url).signIn(det.username, det.password);

  // The recording itself through the API, with the browser's session (what the incident workspace's button sends).
  const created = await page.request.post(`${t.app.url}/api/cases`, { data: { title: 'fMP4 clip playback' } });
  expect(created.status(), await created.text()).toBe(201);
  const caseId = ((await created.json()) as { case: { id: string } }).case.id;
  const now = Date.now();
  const rec = await page.request.post(`${t.app.url}/api/cases/${caseId}/clips`, { data: { cameraId, from: new Date(now - 60_000).toISOString(), to: new Date(now + 60_000).toISOString() } });
  expect(rec.status(), await rec.text()).toBe(201);
  const item = ((await rec.json()) as { item: { sha256: string; mime: string } }).item;
  expect(item.mime).toBe('video/mp4');
  expect(item.sha256).toBe(sha256(await hls.expectedBytes())); // init section + the three fragments, as ffmpeg wrote them

  await page.goto(`${t.app.url}/cases/${caseId}`);
  await page.getByRole('button', { name: 'Play (verify SHA-256)' }).click();
  await expect.poll(() => page.getByTestId('clip-verified').innerText(), { timeout: 30_000 }).toBe(`SHA-256 verified: ${item.sha256}`);
  // Chromium decodes it: frames of the 160×120 test pattern, playing past its first second.
  const video = page.locator('[data-testid="clip-player"] video');
  await page.waitForFunction(() => {
    const v = document.querySelector<HTMLVideoElement>('[data-testid="clip-player"] video');
    return !!v && v.videoWidth > 0 && v.currentTime > 1;
  }, undefined, { timeout: 30_000 });
  const facts = await video.evaluate((v: HTMLVideoElement) => ({ w: v.videoWidth, h: v.videoHeight, duration: v.duration, error: v.error?.code ?? null }));
  expect(facts).toMatchObject({ w: 160, h: 120, error: null });
  expect(facts.duration).toBeGreaterThan(2.5);
  await shot(page, 'case-clip-fmp4-verified');
  expect(errors).toEqual([]);
  await page.close();
});

it("the demo agency credits DataSF + OpenStreetMap; a new agency uploads its own .pmtiles and its map credits only its own data and OSM", async () => {
  // The demo agency's console.
  const demo = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await new ConsolePage(demo, t.app.url).signIn('admin', ADMIN_PASSWORD);
  await waitSource(demo, 'protomaps');
  await expect.poll(() => credit(demo), { timeout: 15_000 }).toContain('© OpenStreetMap contributors');
  expect(await credit(demo)).toContain('DataSF');
  await shot(demo, 'console-demo-credit');
  await demo.close();

  // A new agency across the bay, outside the bundled map: its admin sets its credit and uploads a street map.
  const agencyId = crypto.randomUUID();
  await t.app.pool.query(`INSERT INTO agency (id, slug, name, time_zone, home_lat, home_lon, home_zoom) VALUES ($1, $2, 'Bay City PD', 'America/Los_Angeles', 37.79, -122.30, 12)`, [
    agencyId, `bay-${agencyId.slice(0, 8)}`,
  ]);
  const admin = await addUser(agencyId, 'admin');
  const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new ConsolePage(page, t.app.url).signIn(admin.username, admin.password);
  // Before: no street map covers it, and nothing of San Francisco's is credited.
  await page.getByTestId('no-street-map').waitFor();
  expect(await credit(page)).not.toContain('DataSF');

  await page.goto(`${t.app.url}/admin/agency`);
  await page.getByLabel('Map credit').fill('Bay City Open Data');
  await page.getByRole('button', { name: 'Save credit' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved: shown on the map' }).waitFor();
  const bad = page.waitForResponse((r) => r.url().includes('/api/admin/agency/basemap') && r.request().method() === 'PUT');
  await page.getByTestId('basemap-file').setInputFiles({ name: 'not-a-map.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from('hello, not tiles') });
  expect((await bad).status()).toBe(400);
  await page.getByRole('alert').filter({ hasText: 'not a PMTiles archive' }).waitFor();
  await page.getByTestId('basemap-file').setInputFiles(path.resolve('public/basemap/sf.pmtiles'));
  await page.getByTestId('basemap-info').filter({ hasText: 'sf.pmtiles' }).waitFor({ timeout: 30_000 });
  await shot(page, 'admin-basemap-upload');

  // One of its sources carries its own credit (set on the source's page).
  const sourceId = crypto.randomUUID();
  await t.app.pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'gunshot', 'Bay City gunshots', $3, 'rtcc_xxxx')`, [
    sourceId, agencyId, crypto.randomBytes(32).toString('hex'),
  ]);
  await page.goto(`${t.app.url}/admin/sources/${sourceId}`);
  await page.getByLabel('Map credit').fill('Gunshots: Bay City <Sensors>');
  await page.getByRole('button', { name: 'Save credit' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved: shown on the map' }).waitFor();
  await shot(page, 'admin-source-credit');

  const ranges: number[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/basemap/')) ranges.push(r.status());
  });
  await page.goto(`${t.app.url}/`);
  await waitSource(page, 'protomaps');
  await expect.poll(() => credit(page), { timeout: 15_000 }).toContain('Bay City Open Data');
  const text = await credit(page);
  expect(text).toContain('© OpenStreetMap contributors');
  expect(text).toContain('Gunshots: Bay City <Sensors>'); // shown as text, not markup
  expect(text).not.toContain('DataSF');
  expect(await page.getByTestId('no-street-map').count()).toBe(0);
  expect(ranges.length).toBeGreaterThan(0);
  expect(ranges.every((s) => s === 206)).toBe(true); // read by HTTP Range from the console's own origin
  await shot(page, 'console-new-agency-credit');
  expect(errors).toEqual([]);
  await page.close();
}, 300_000);
