import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { newApiKey } from '@/lib/ingest/api-keys';
import { ADMIN_PASSWORD, startE2eApp, type E2eApp } from './support/app-process';
import { openLiveConsole, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

// The live path under the demo city's feeds (CAD replay, 178 AVL units every 2 s, 911 calls, sensors, LPR, gunshots,
// the correlator in the same process); its video encoders are the wall's subject, not this test's.
const t = e2eSuite({ DEMO: '1', DEMO_SPEED: '60', DEMO_VIDEO: '0' });

it('shows the demo city live, and an event posted to the API in the feed and map within 1 s', async () => {
  const { rows } = await t.app.pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  const key = newApiKey();
  await t.app.pool.query(
    `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'gunshot', $3, $4, $5)`,
    // A name unique per attempt: the e2e project retries once, on the same database.
    [crypto.randomUUID(), rows[0]!.id, `E2E sensor ${key.hint}`, key.hash, key.hint],
  );

  const { page, ui, errors } = await openLiveConsole(t.browser, t.app.url, 'admin', ADMIN_PASSWORD);
  // The demo replay has backfilled real SF Fire CAD calls: the map holds them.
  await page.waitForFunction(() => ((window as unknown as { __rtcc?: { mapPoints: number } }).__rtcc?.mapPoints ?? 0) > 50);

  const post = async (title: string) => {
    const res = await fetch(`${t.app.url}/api/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
      body: JSON.stringify({
        events: [{ externalId: `e2e-${crypto.randomBytes(4).toString('hex')}`, kind: 'gunshot', typeCode: 'Multiple_Gunshots',
          occurredAt: new Date().toISOString(), lat: 37.7793, lon: -122.4193, priority: 1, title, address: '1 Dr Carlton B Goodlett Pl' }],
      }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()).results as { seq: string }[])[0]!.seq;
  };
  // A first start backfills three hours of every demo feed, which the correlator (same process) takes a while to
  // catch up on; the budget below is for the steady state an operator sees all shift, so wait for it (logged).
  const caughtUpAt = Date.now();
  await expect
    .poll(async () => {
      const { rows: r } = await t.app.pool.query<{ behind: string | null }>(
        `SELECT ((SELECT coalesce(max(seq), 0) FROM event) - (SELECT coalesce(max(last_seq), 0) FROM correlator_state))::text AS behind`,
      );
      return Number(r[0]?.behind ?? Infinity);
    }, { timeout: 90_000, interval: 500 })
    .toBeLessThan(500);
  console.log(`correlator caught up with the demo's backfill ${Date.now() - caughtUpAt} ms after sign-in`);
  // The first seconds after sign-in the page is busy starting up (map style, snapshot, incidents): one untimed
  // event first, so the budget below measures the live path an operator sees all shift.
  await ui.feedItem(await post('E2E warm-up')).waitFor({ timeout: 15_000 });

  const sentAt = Date.now();
  const seq = await post('E2E shots fired');

  // Both at once, checked on every animation frame: the feed row is on screen and the store (which feeds the map
  // layer) has applied the seq. Not locator.waitFor: its retries back off to one check per 500 ms, which measured
  // up to half a second that the page did not take. Waits longer than the budget so a miss reports how late it was.
  await page.waitForFunction(
    (s) => {
      const row = document.querySelector(`[data-testid="feed-item"][data-seq="${s}"]`);
      const shown = row !== null && row.getClientRects().length > 0 && row.checkVisibility();
      return shown && BigInt((window as unknown as { __rtcc: { lastSeq: string } }).__rtcc.lastSeq) >= BigInt(s);
    },
    seq,
    { timeout: 5000, polling: 'raf' },
  );
  const elapsed = Date.now() - sentAt;
  console.log(`posted → in feed and map layer: ${elapsed} ms`);
  expect(elapsed).toBeLessThan(1000);
  expect(await ui.feedItem(seq).innerText()).toContain('E2E shots fired');

  // The map really occupies the screen (a CSS clash once gave it zero height while its data was fine).
  const box = await page.getByRole('region', { name: 'Live event map' }).boundingBox();
  expect(box?.height ?? 0).toBeGreaterThan(600);
  // MapLibre + deck.gl: deck.gl's canvas is attached once the streets' first complete frame is drawn (live-map.tsx).
  await expect.poll(() => page.locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await screenshot(page, 'console-1920x1080');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'console-1024x768');
  expect(errors).toEqual([]);
  await page.close();
});

// Whether the app is down: an attempt that failed between stopping it and starting it again (a start that timed
// out on a loaded machine) leaves it so, and its retry starts it again first (on the same data).
let down = false;

it('keeps the data when the console is stopped and started again', async () => {
  if (down) {
    t.app = await startE2eApp({ DEMO: '0' }, t.app.dataDir);
    down = false;
  }
  const count = async (a: E2eApp) => Number((await a.pool.query<{ n: string }>('SELECT count(*) AS n FROM event')).rows[0]!.n);
  const before = await count(t.app);
  expect(before).toBeGreaterThan(50); // the demo's backfill and the two events this file posted
  down = true;
  await t.app.stop({ keepData: true });
  t.app = await startE2eApp({ DEMO: '0' }, t.app.dataDir);
  down = false;
  expect(await count(t.app)).toBeGreaterThanOrEqual(before);
  expect(t.app.output()).not.toContain('First start: created user');
});
