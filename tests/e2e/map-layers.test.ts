import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newApiKey } from '@/lib/ingest/api-keys';
import { ADMIN_PASSWORD } from './support/app-process';
import { openLiveConsole, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

const t = e2eSuite({ DEMO: '0' });

type Debug = { mapUnits?: number; mapClusters?: number; mapHeatCells?: number; mapPoints: number; mapZoom?: number };
/** One zoom button click, waiting until the map has settled one level further (its animation has ended). */
async function zoomBy(page: Page, dir: 'in' | 'out'): Promise<void> {
  const before = await page.evaluate(() => (window as unknown as { __rtcc: Debug }).__rtcc.mapZoom!);
  const target = dir === 'in' ? before + 1 : before - 1;
  await page.click(`button.maplibregl-ctrl-zoom-${dir}`);
  await page.waitForFunction((z) => Math.abs((window as unknown as { __rtcc: Debug }).__rtcc.mapZoom! - z) < 0.01, target, { timeout: 10_000 });
}

const waitDebug = (page: Page, field: keyof Debug, atLeast: number) =>
  page.waitForFunction(([f, n]) => (((window as unknown as { __rtcc?: Record<string, number> }).__rtcc?.[f as string] ?? 0) >= (n as number)), [field, atLeast] as const, { timeout: 15_000 });

async function source(kind: string): Promise<string> {
  const { rows } = await t.app.pool.query<{ id: string }>(`SELECT agency_id AS id FROM app_user WHERE username = 'admin'`);
  const key = newApiKey();
  await t.app.pool.query(
    `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, $3, $4, $5, $6)`,
    [crypto.randomUUID(), rows[0]!.id, kind, `E2E ${kind} ${key.hint}`, key.hash, key.hint],
  );
  return key.key;
}

async function postJson(path: string, key: string, body: unknown): Promise<void> {
  const res = await fetch(`${t.app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(202);
}

it('shows units (snapshot, then live AVL), a heatmap, and clusters when zoomed out', async () => {
  const avl = await source('avl');
  const cad = await source('cad');
  const fix = (unitId: string, i: number, status: string) => ({ unitId, lat: 37.75 + i * 0.008, lon: -122.46 + i * 0.012, timestamp: new Date().toISOString(), heading: i * 45, status });
  // Units known before the console opens: the snapshot (/api/units) draws them.
  await postJson('/api/ingest/avl', avl, { positions: ['E1', 'E2', 'M3', 'T4', 'B5'].map((u, i) => fix(u, i, ['available', 'dispatched', 'en_route', 'on_scene', 'out_of_service'][i]!)) });
  // A busy hour of sensor hits round three places, for the heatmap and the clusters (sensors open no incidents,
  // whose rings would cover everything in the screenshots).
  const hubs = [[37.784, -122.408], [37.763, -122.419], [37.735, -122.39]] as const;
  await postJson('/api/ingest/events', cad, {
    events: Array.from({ length: 600 }, (_, i) => {
      const [lat, lon] = hubs[i % 3]!;
      return { externalId: `h-${i}-${crypto.randomBytes(3).toString('hex')}`, kind: 'sensor', typeCode: 'TEST', occurredAt: new Date(Date.now() - (i % 50) * 60_000).toISOString(),
        lat: lat + (Math.random() - 0.5) * 0.01 * (1 + (i % 7)), lon: lon + (Math.random() - 0.5) * 0.012 * (1 + (i % 7)), title: `call ${i}` };
    }),
  });

  const { page, errors } = await openLiveConsole(t.browser, t.app.url, 'admin', ADMIN_PASSWORD);
  await waitDebug(page, 'mapUnits', 5);

  // A unit never seen before appears from its live AVL event alone. Its call sign is new on a retry too (the e2e
  // project retries once on the same database), and counted from the units drawn now (a retry also has the first
  // attempt's K9).
  const units = await page.evaluate(() => (window as unknown as { __rtcc: Debug }).__rtcc.mapUnits!);
  await postJson('/api/ingest/avl', avl, { positions: [fix(`K9-${crypto.randomBytes(2).toString('hex')}`, 6, 'en_route')] });
  await waitDebug(page, 'mapUnits', units + 1);
  await screenshot(page, 'map-layers-units-1920x1080');

  await page.locator('label:has-text("Heatmap") input[type=checkbox]').check();
  await waitDebug(page, 'mapHeatCells', 10);
  await screenshot(page, 'map-layers-heat-1920x1080');

  // Zoomed out past the cluster threshold: clusters replace the points; back in, the points return.
  await page.locator('label:has-text("Heatmap") input[type=checkbox]').uncheck();
  for (let i = 0; i < 2; i++) await zoomBy(page, 'out');
  await waitDebug(page, 'mapClusters', 1);
  const clusters = await page.evaluate(() => (window as unknown as { __rtcc: Debug }).__rtcc.mapClusters!);
  expect(clusters).toBeLessThan(100); // 600 calls in three places: a handful of clusters, not 600 dots
  await screenshot(page, 'map-layers-clusters-1920x1080');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'map-layers-clusters-1024x768');
  for (let i = 0; i < 2; i++) await zoomBy(page, 'in');
  await page.waitForFunction(() => (window as unknown as { __rtcc: Debug }).__rtcc.mapClusters === 0, null, { timeout: 10_000 });
  expect(errors).toEqual([]);
  await page.close();
});
