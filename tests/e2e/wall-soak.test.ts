import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { upsertStreamCamera } from '@/lib/video/test-pattern';
import { ADMIN_PASSWORD } from './support/app-process';
import { ConsolePage, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';
import { measurePage } from './support/heap';

/**
 * A wall runs for days: loading presets must not accumulate players. 2×2 ↔ 4×4 presets cycle through the real
 * path (REST → socket `wall` push → tiles), on the ffmpeg test-pattern stream, ≥ 200 hls.js players created and
 * destroyed; then heap, DOM, media objects and hls.js instances must be back at the baseline.
 */
const t = e2eSuite({ DEMO: '0', TEST_STREAMS: '1' });

const ROUND_TRIPS = 11; // × (4 + 16) players = 220 created and destroyed
/** Heap may wobble (JIT, caches, the socket's buffers) but not grow with the number of players made. */
const HEAP_SLACK_BYTES = 3 * 1024 * 1024;

it('cycles 2×2 ↔ 4×4 presets for ≥ 200 players and returns to its memory baseline', async () => {
  const { rows } = await t.app.pool.query<{ id: string; agency_id: string; stream_url: string }>(
    `SELECT id, agency_id, stream_url FROM camera WHERE external_id = 'test-pattern-demo'`,
  );
  const demo = rows[0]!;
  const tag = crypto.randomBytes(3).toString('hex');
  // Sixteen cameras on the one test pattern: every tile really loads a playlist and segments.
  const cams = [demo.id];
  for (let i = 1; i < 16; i++) {
    cams.push(await upsertStreamCamera(t.app.pool, demo.agency_id, { externalId: `soak-${tag}-${i}`, name: `Soak ${i}`, lat: 37.7793, lon: -122.4193, heading: null, streamUrl: demo.stream_url }));
  }

  const context = await t.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new ConsolePage(page, t.app.url).signIn('admin', ADMIN_PASSWORD);
  const save = async (name: string, layout: number, cameraIds: string[]) => {
    const res = await page.request.post(`${t.app.url}/api/wall/presets`, { data: { name: `${name} ${tag}`, layout, cameraIds } });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { preset: { id: string } }).preset.id;
  };
  // Different cameras per tile position in each preset: every switch unmounts every player and mounts new ones.
  const quad = await save('Soak 2x2', 2, cams.slice(12));
  const full = await save('Soak 4x4', 4, cams);
  const blank = await save('Soak blank', 1, []);
  const hlsCreated = () => page.evaluate(() => (window as unknown as { __rtcc?: { hlsCreated?: number } }).__rtcc?.hlsCreated ?? 0);
  /** Load a preset through the API; resolves once the wall shows it and every tile has its own new hls.js player. */
  const load = async (id: string, players: number, waitPlaying = false) => {
    const created = await hlsCreated();
    const res = await page.request.post(`${t.app.url}/api/wall/presets/${id}/load`);
    expect(res.status()).toBe(200);
    const { version } = (await res.json()) as { version: number };
    await page.locator(`[data-testid="wall"][data-version="${version}"]`).waitFor({ timeout: 20_000 });
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="hls-player"]').length === n, players);
    // Each player has started loading (playlist requests in flight) before the next switch tears it down.
    await expect.poll(hlsCreated, { timeout: 20_000 }).toBeGreaterThanOrEqual(created + players);
    if (waitPlaying) await page.locator('[data-testid="hls-player"][data-state="playing"]').first().waitFor({ timeout: 30_000 });
  };

  await page.goto(`${t.app.url}/wall?kiosk=1`);
  await page.getByTestId('wall').waitFor();
  const cdp = await context.newCDPSession(page);
  // Warm-up: the hls.js chunk, JIT and first-use caches are not leaks.
  await load(quad, 4, true);
  await load(full, 16, true);
  await screenshot(page, 'wall-soak-4x4-1280x720');
  await load(blank, 0);
  const base = await measurePage(page, cdp);

  const t0 = Date.now();
  for (let i = 0; i < ROUND_TRIPS; i++) {
    await load(quad, 4);
    // Every few rounds, wait for real playback: the soak destroys decoding players too, not only loading ones.
    await load(full, 16, i % 4 === 0);
  }
  await load(blank, 0);
  const cycleMs = Date.now() - t0;
  const after = await measurePage(page, cdp);
  const created = after.hlsCreated - base.hlsCreated;
  console.log(`wall soak: ${created} players in ${(cycleMs / 1000).toFixed(1)} s; heap ${(base.heapUsed / 1e6).toFixed(1)} → ${(after.heapUsed / 1e6).toFixed(1)} MB; ` +
    `DOM ${base.domNodes} → ${after.domNodes}; video objects ${base.videoObjects} → ${after.videoObjects}; MediaSource ${after.mediaSources}; workers ${after.workers}`);

  expect(created).toBeGreaterThanOrEqual(200);
  expect(after.hlsLive).toBe(0);
  expect(after.mediaSources).toBe(0);
  expect(after.workers).toBe(0);
  expect(after.videoObjects).toBe(base.videoObjects);
  expect(after.domNodes).toBe(base.domNodes);
  expect(after.heapUsed - base.heapUsed).toBeLessThan(HEAP_SLACK_BYTES);
  expect(errors).toEqual([]);
  await context.close();
  // ≈ 45 s on an idle 2-core machine; the margin is for a machine shared with builds.
}, 180_000);
