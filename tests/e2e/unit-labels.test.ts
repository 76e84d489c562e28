import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD } from './support/app-process';
import { openLiveConsole, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';
import { makeSource, postDoor } from './support/shooting-scenario';

/**
 * Units standing in one station used to print their call signs over each other ("E16E6"): the map now writes one
 * label for the stack ("E16 +3", the busiest unit named) and leaves out labels that would overprint another.
 */
const suite = e2eSuite({ DEMO: '0' });

type Debug = { mapUnits?: number; mapUnitLabels?: number; mapZoom?: number; mapCenter?: [number, number] };
const debug = (page: Page) => page.evaluate(() => (window as unknown as { __rtcc?: Debug }).__rtcc ?? {});

it('a stack of units at a station gets one label; units a kilometre apart keep theirs', async () => {
  const { app, browser } = suite;
  const avl = await makeSource(app.pool, 'avl', crypto.randomBytes(3).toString('hex'));
  const { page, errors } = await openLiveConsole(browser, app.url, 'admin', ADMIN_PASSWORD);
  await page.waitForFunction(() => (window as unknown as { __rtcc?: Debug }).__rtcc?.mapCenter, null, { timeout: 15_000 });
  const [lon, lat] = (await debug(page)).mapCenter!;
  const now = new Date().toISOString();
  const at = (unitId: string, dLon: number, status: string) => ({ unitId, lat, lon: lon + dLon, timestamp: now, heading: 0, status });
  await postDoor(app.url, 'avl', avl.key, {
    positions: [
      // One station: four units parked on the same spot, one of them already rolling.
      at('E16', 0, 'available'), at('T16', 0, 'available'), at('M16', 0, 'available'), at('B2', 0, 'en_route'),
      // Three units about a kilometre apart.
      at('E1', -0.024, 'available'), at('E2', 0.012, 'available'), at('E3', 0.024, 'available'),
    ],
  });
  await page.waitForFunction(() => ((window as unknown as { __rtcc?: Debug }).__rtcc?.mapUnits ?? 0) >= 7, null, { timeout: 15_000 });
  await expect.poll(async () => (await debug(page)).mapUnitLabels, { timeout: 10_000 }).toBe(4);
  await screenshot(page, 'unit-labels-1920x1080');

  // Zoomed in on the station: still one label for the stack (they stand on one spot), the others keep theirs.
  for (let i = 0; i < 3; i++) {
    const z = (await debug(page)).mapZoom!;
    await page.click('button.maplibregl-ctrl-zoom-in');
    await page.waitForFunction((t) => Math.abs(((window as unknown as { __rtcc: Debug }).__rtcc.mapZoom ?? 0) - t) < 0.01, z + 1, { timeout: 10_000 });
  }
  await expect.poll(async () => (await debug(page)).mapUnitLabels, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  await screenshot(page, 'unit-labels-zoomed-1920x1080');
  expect(errors).toEqual([]);
  await page.context().close();
});
