import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD } from './support/app-process';
import { openLiveConsole, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

const t = e2eSuite({ DEMO: '0' });

type Debug = { mapZoom?: number; mapSources?: string[]; mapStreetNames?: string[]; mapGisShown?: string[]; mapGeofences?: number };
const debug = (page: Page) => page.evaluate(() => (window as unknown as { __rtcc: Debug }).__rtcc);
const opts = { timeout: 30_000 };
type W = { __rtcc?: Debug };
const waitSource = (page: Page, id: string) => page.waitForFunction((i) => ((window as unknown as W).__rtcc?.mapSources ?? []).includes(i), id, opts);
const waitZoom = (page: Page, z: number) => page.waitForFunction((t) => Math.abs(((window as unknown as W).__rtcc?.mapZoom ?? 0) - t) < 0.01, z, opts);
const waitNames = (page: Page, n: number) => page.waitForFunction((k) => ((window as unknown as W).__rtcc?.mapStreetNames ?? []).length >= k, n, opts);
const waitGis = (page: Page, name: string, shown: boolean) =>
  page.waitForFunction(([l, on]) => ((window as unknown as W).__rtcc?.mapGisShown ?? []).includes(l as string) === on, [name, shown] as const, opts);
const waitGeofences = (page: Page, n: number) => page.waitForFunction((k) => ((window as unknown as W).__rtcc?.mapGeofences ?? 0) >= k, n, opts);

const SCHOOLS_KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>Mission High School</name><Point><coordinates>-122.4277,37.7617,0</coordinates></Point></Placemark>
<Placemark><name>Everett Middle School</name><Point><coordinates>-122.4294,37.7637,0</coordinates></Point></Placemark>
</Document></kml>`;

/** Copies a screenshot where the lead looks at them (outside the repository's tracked files). */
async function shot(page: Page, name: string) {
  const file = await screenshot(page, name);
  const dir = process.env.RTCC_SHOTS_DIR;
  if (dir) await fs.mkdir(dir, { recursive: true }).then(() => fs.copyFile(file, path.join(dir, `${name}.png`)));
}

// The e2e project retries once, on the same database: a retry draws its geofence beside the first attempt's (whose
// name the tooltip would give where they overlap).
let attempt = 0;

it('draws named streets from the offline map, toggles an imported KML layer, stores a geofence drawn on the map', async () => {
  const dx = attempt++ * 300;
  const { page, errors } = await openLiveConsole(t.browser, t.app.url, 'admin', ADMIN_PASSWORD);
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(t.app.url) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
  });

  // Streets: the style's Protomaps source, and street names MapLibre actually rendered, zoomed to a street.
  await waitSource(page, 'protomaps');
  for (let i = 0; i < 3; i++) {
    const z = (await debug(page)).mapZoom!;
    await page.click('button.maplibregl-ctrl-zoom-in');
    await waitZoom(page, z + 1);
  }
  await waitNames(page, 5);
  const names = (await debug(page)).mapStreetNames!;
  expect(names.some((n) => /(Street|Avenue|Boulevard|Way)$/.test(n)), names.join(', ')).toBe(true);
  expect(await page.locator('.maplibregl-ctrl-attrib').innerText()).toContain('© OpenStreetMap contributors');

  // An imported KML layer is drawn and toggles.
  await page.locator('summary:has-text("Import a layer")').click();
  // Unique per attempt: a retried run finds the first attempt's layer stored.
  const layer = `Schools ${Date.now().toString(36)}`;
  await page.fill('input[aria-label="Layer name"]', layer);
  await page.setInputFiles('input[aria-label="Layer file"]', { name: 'schools.kml', mimeType: 'application/vnd.google-earth.kml+xml', buffer: Buffer.from(SCHOOLS_KML) });
  await page.click('button:has-text("Import layer")');
  await page.waitForSelector('text=Imported 2 features');
  await waitGis(page, layer, true);
  const toggle = page.locator(`fieldset[aria-label="GIS layers"] label:has-text("${layer}") input[type=checkbox]`);
  await toggle.uncheck();
  await waitGis(page, layer, false);
  await toggle.check();
  await waitGis(page, layer, true);

  // A geofence drawn with four clicks on the map, saved, stored as a closed ring and drawn.
  await page.click('button:has-text("Draw geofence")');
  const fence = `E2E drawn fence ${Date.now().toString(36)}`;
  await page.fill('input[aria-label="Geofence name"]', fence);
  for (const [x, y] of [[700, 380], [900, 380], [900, 560], [700, 560]] as const) await page.mouse.click(x + dx, y);
  await page.click('button:has-text("Save geofence")');
  await page.waitForSelector(`text=Geofence "${fence}" saved`);
  const { rows } = await t.app.pool.query<{ polygon: { type: string; coordinates: number[][][] }; kind: string }>('SELECT polygon, kind FROM geofence WHERE name = $1', [fence]);
  expect(rows).toHaveLength(1);
  const ring = rows[0]!.polygon.coordinates[0]!;
  expect(ring).toHaveLength(5);
  expect(ring[0]).toEqual(ring[4]);
  await waitGeofences(page, 1);
  // Hovering inside it names it.
  await page.mouse.move(800 + dx, 470);
  await page.waitForSelector(`[data-testid="map-tooltip"]:has-text("${fence}")`);
  await shot(page, 'street-map-1920x1080');

  await page.setViewportSize({ width: 768, height: 1024 });
  await waitNames(page, 3);
  await shot(page, 'street-map-tablet-768x1024');

  expect(foreign, 'nothing fetched from outside the console').toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});
