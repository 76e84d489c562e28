import crypto from 'node:crypto';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newApiKey } from '@/lib/ingest/api-keys';
import { ADMIN_PASSWORD } from './support/app-process';
import { openLiveConsole, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

const t = e2eSuite({ DEMO: '0' });

type Debug = { mapPoints: number; lastSeq: string | null };
const debug = (page: Page) => page.evaluate(() => (window as unknown as { __rtcc: Debug }).__rtcc);

async function cadKey(): Promise<string> {
  const { rows } = await t.app.pool.query<{ id: string }>(`SELECT agency_id AS id FROM app_user WHERE username = 'admin'`);
  const key = newApiKey();
  await t.app.pool.query(
    `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'cad', $3, $4, $5)`,
    [crypto.randomUUID(), rows[0]!.id, `E2E dots ${key.hint}`, key.hash, key.hint],
  );
  return key.key;
}

/**
 * The dots the map draws of the events already stored (a retry's console starts with the first attempt's: the live
 * window's snapshot). Every event this file posts is a located dot, so the page's applied events are its dots:
 * counted once it has applied the newest stored event, and returned once the layer has drawn them all.
 */
async function storedPoints(page: Page): Promise<number> {
  const { rows } = await t.app.pool.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM event');
  const last = rows[0]!.seq;
  if (last === null) return 0;
  await page.waitForFunction((s) => BigInt((window as unknown as { __rtcc?: Debug }).__rtcc?.lastSeq ?? '0') >= BigInt(s), last, { timeout: 20_000 });
  const applied = await page.evaluate(() => Object.values((window as unknown as { __rtcc: { eventKinds?: Record<string, number> } }).__rtcc.eventKinds ?? {}).reduce((a, b) => a + b, 0));
  await page.waitForFunction((n) => (window as unknown as { __rtcc?: Debug }).__rtcc?.mapPoints === n, applied, { timeout: 20_000 });
  return applied;
}

/** The map's pixels (RGB) in the page's screenshot. */
async function mapPixels(page: Page): Promise<Buffer> {
  const box = (await page.locator('[aria-label="Live event map"]').boundingBox())!;
  const png = await page.screenshot({ clip: { x: box.x, y: box.y, width: Math.min(box.width, 1200), height: Math.min(box.height, 900) } });
  return sharp(png).removeAlpha().raw().toBuffer();
}

/** The map's picture once it stops changing: two samples, a few frames apart, equal to the byte (≤ 20 s). */
async function settledPixels(page: Page): Promise<Buffer> {
  const frames = () => page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
  let last = await mapPixels(page);
  for (const t0 = Date.now(); Date.now() - t0 < 20_000; ) {
    await frames();
    const now = await mapPixels(page);
    if (now.equals(last)) return now;
    last = now;
  }
  throw new Error('the map kept changing for 20 s');
}

/**
 * On a software renderer the live dots accumulate in a kept picture, each batch drawing only its new slots
 * (components/map/dot-accumulation.ts). That picture must be the one a full redraw of every dot gives: a dot drawn
 * in the wrong place, twice, or not at all shows up as pixels that differ.
 */
it('draws live batches into the kept picture exactly as a full redraw draws them', async () => {
  const key = await cadKey();
  const { page, errors } = await openLiveConsole(t.browser, t.app.url, 'admin', ADMIN_PASSWORD);
  // The e2e project retries once, on the same database: counted from the dots already there (0 on a first attempt).
  const base = await storedPoints(page);
  let sent = 0;
  for (let b = 0; b < 6; b++) {
    const events = Array.from({ length: 500 }, () => ({
      externalId: `dot-${sent++}-${crypto.randomBytes(3).toString('hex')}`,
      kind: ['sensor', 'alert', 'camera'][sent % 3],
      typeCode: 'TEST',
      occurredAt: new Date().toISOString(),
      lat: 37.72 + Math.random() * 0.08,
      lon: -122.5 + Math.random() * 0.12,
      title: 'dot',
    }));
    const res = await fetch(`${t.app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ events }) });
    expect(res.status).toBe(202);
    // Batch by batch, so the picture is built incrementally.
    await page.waitForFunction((n) => (window as unknown as { __rtcc: Debug }).__rtcc.mapPoints >= n, base + sent, { timeout: 20_000 });
  }
  // The last batch drawn, and the map settled (streets loaded, no frame pending).
  const kept = await settledPixels(page);
  await screenshot(page, 'map-live-dots-1920x1080');

  // Off and on: a new layer, drawn in full.
  const toggle = page.locator('label:has-text("Live events") input[type=checkbox]');
  await toggle.uncheck();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const without = await mapPixels(page);
  await toggle.check();
  // The pointer off the map and the checkbox (its hover and focus look are not the map's business).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(1, 1);
  const full = await settledPixels(page);

  const differing = (a: Buffer, b: Buffer) => {
    let n = 0;
    for (let i = 0; i < a.length; i += 3) if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 6) n++;
    return n;
  };
  // The dots are there (thousands of pixels differ from the map without them)…
  expect(differing(kept, without)).toBeGreaterThan(5000);
  // …and where a full redraw puts them.
  expect(differing(kept, full)).toBeLessThan(50);
  expect((await debug(page)).mapPoints).toBe(base + sent);
  expect(errors).toEqual([]);
  await page.close();
});
