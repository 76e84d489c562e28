import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD } from './support/app-process';
import { screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

// The console kept beneath the incident workspace: an operator opens incidents and comes back many times a shift,
// and the live map must not be torn down and started again each time (seconds of software-rendered frames here).
const t = e2eSuite({ DEMO: '1', DEMO_SPEED: '60', DEMO_VIDEO: '0' });

/** Counts WebGL contexts the page creates: a second MapLibre map (or deck.gl overlay) makes new ones. */
function countWebGlContexts(): void {
  const w = window as unknown as { __webglContexts: number };
  w.__webglContexts = 0;
  const original = HTMLCanvasElement.prototype.getContext;
  const known = new WeakSet<object>();
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
    const ctx = (original as (...a: unknown[]) => unknown).call(this, kind, ...rest);
    if (ctx && /webgl/.test(kind) && !known.has(ctx)) {
      known.add(ctx);
      w.__webglContexts++;
    }
    return ctx;
  } as typeof original;
}

const contexts = (page: Page) => page.evaluate(() => (window as unknown as { __webglContexts: number }).__webglContexts);
/** The street map's canvas is the one marked before leaving (the same element, not a new map's). */
const sameMapCanvas = (page: Page) => page.evaluate(() => (document.querySelector('.maplibregl-canvas') as (HTMLCanvasElement & { __kept?: boolean }) | null)?.__kept === true);

async function openFirstRow(page: Page): Promise<string> {
  const row = page.locator('[data-testid="queue-item"]').first();
  const id = (await row.getAttribute('data-incident-id'))!;
  await page.locator(`[data-testid="queue-item"][data-incident-id="${id}"] a`).first().click();
  await page.waitForURL(`**/incidents/${id}`);
  await page.locator(`[data-testid="incident-workspace"][data-incident-id="${id}"]:not([data-pending])`).waitFor();
  return id;
}

it('keeps the live map, its canvas and the queue across console → incident → console (link and back button); a direct incident address starts no map behind the workspace', async () => {
  const errors: string[] = [];
  // The init script must be in place before the console's scripts run: a context with it, then sign in there.
  const context = await t.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript(`var __name = (f) => f; (${countWebGlContexts.toString()})();`);
  const p = await context.newPage();
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${t.app.url}/login`);
  await p.fill('#username', 'admin');
  await p.fill('#password', ADMIN_PASSWORD);
  await p.click('button:has-text("Sign in")');
  await p.waitForURL(`${t.app.url}/`);
  await p.locator('[data-testid="queue-item"]').first().waitFor({ timeout: 30_000 });
  // The streets drawn and deck.gl's canvas attached: the map is fully up before it is left.
  await p.waitForFunction(() => ((window as unknown as { __rtcc?: { mapStreetNames?: string[] } }).__rtcc?.mapStreetNames?.length ?? 0) > 0, null, { timeout: 120_000 });
  await p.locator('.maplibregl-canvas').waitFor();
  await p.evaluate(() => ((document.querySelector('.maplibregl-canvas') as HTMLCanvasElement & { __kept?: boolean }).__kept = true));
  const before = await contexts(p);
  expect(before).toBeGreaterThan(0);

  // Open an incident: the console is hidden beneath the workspace, not gone.
  await openFirstRow(p);
  const map = p.getByRole('region', { name: 'Live event map' });
  expect(await map.isVisible()).toBe(false);
  expect(await p.getByTestId('live-console').getAttribute('data-shown')).toBe('false');
  await screenshot(p, 'round-trip-incident-1920x1080');
  // The queue's keys belong to the workspace now: j must not select a row of the hidden queue.
  await p.keyboard.press('j');

  // Back with the workspace's own link: the same map, no new WebGL context, nothing selected behind the operator's back.
  await p.getByRole('link', { name: '← Console' }).click();
  await p.waitForURL(`${t.app.url}/`);
  await map.waitFor({ state: 'visible' });
  expect(await sameMapCanvas(p)).toBe(true);
  expect(await contexts(p)).toBe(before);
  expect(await p.locator('[data-testid="queue-item"][aria-selected="true"]').count()).toBe(0);

  // And with the browser's back button, on a tablet-sized screen.
  await p.setViewportSize({ width: 768, height: 1024 });
  await openFirstRow(p);
  await screenshot(p, 'round-trip-incident-768x1024');
  await p.goBack();
  await p.waitForURL(`${t.app.url}/`);
  await map.waitFor({ state: 'visible' });
  expect(await sameMapCanvas(p)).toBe(true);
  expect(await contexts(p)).toBe(before);
  await screenshot(p, 'round-trip-console-768x1024');

  // An incident's address opened directly: the console beneath it waits, the map starts once the console is shown.
  const id = await openFirstRow(p);
  await p.goto(`${t.app.url}/incidents/${id}`);
  await p.locator(`[data-testid="incident-workspace"][data-incident-id="${id}"]:not([data-pending])`).waitFor();
  expect(await contexts(p)).toBe(0);
  await p.getByRole('link', { name: '← Console' }).click();
  await map.waitFor({ state: 'visible' });
  await p.locator('.maplibregl-canvas').waitFor();
  await expect.poll(() => contexts(p)).toBeGreaterThan(0);
  await context.close();
  expect(errors).toEqual([]);
  // Two maps started from nothing (sign-in, then the direct address) on a software renderer: minutes under load.
}, 300_000);
