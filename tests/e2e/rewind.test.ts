import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newApiKey } from '@/lib/ingest/api-keys';
import { ADMIN_PASSWORD } from './support/app-process';
import { openLiveConsole, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

const t = e2eSuite({ DEMO: '0' });

type Debug = { rewindPoints?: number; mapPoints: number; lastSeq: string | null };
const debug = (page: Page) => page.evaluate(() => (window as unknown as { __rtcc?: Debug }).__rtcc ?? null);
const waitRewindPoints = (page: Page, n: number) =>
  page.waitForFunction((want) => (window as unknown as { __rtcc?: Debug }).__rtcc?.rewindPoints === want, n, { timeout: 15_000 });

/** Moves the slider as a drag would (React listens to `input`; the native setter bypasses its value cache). */
async function seek(page: Page, at: number): Promise<void> {
  await page.evaluate((t) => {
    const input = document.querySelector<HTMLInputElement>('input[aria-label="Replay time"]')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setValue.call(input, String(t - Number(input.dataset.from)));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, at);
}

// The e2e project retries once, on the same database: a retry's bursts are half an hour earlier than the first
// attempt's, so neither attempt's 15-minute trail reaches the other's events.
let attempt = 0;

it('replays past events onto the map over their window, and Live returns to a complete live picture', async () => {
  const shift = attempt++ * 30 * 60_000;
  const auditedBefore = (await t.app.pool.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`)).rows[0]!.id;
  const { rows } = await t.app.pool.query<{ id: string }>(`SELECT agency_id AS id FROM app_user WHERE username = 'admin'`);
  const key = newApiKey();
  await t.app.pool.query(
    `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'cad', $3, $4, $5)`,
    [crypto.randomUUID(), rows[0]!.id, `E2E rewind ${key.hint}`, key.hash, key.hint],
  );
  const post = async (events: { at: number; lat: number; lon: number; title: string }[]) => {
    const res = await fetch(`${t.app.url}/api/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
      body: JSON.stringify({
        events: events.map((e) => ({ externalId: `rw-${crypto.randomBytes(6).toString('hex')}`, kind: 'cad', typeCode: 'TEST', occurredAt: new Date(e.at).toISOString(), lat: e.lat, lon: e.lon, title: e.title })),
      }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()).results as { seq: string }[]).map((r) => r.seq);
  };
  // Two bursts in the past: four events two hours ago, three four hours ago, spread over the city.
  const now = Date.now();
  const a = now - 2 * 3_600_000 - shift;
  const b = now - 4 * 3_600_000 - shift;
  await post([0, 1, 2, 3].map((i) => ({ at: a + i * 10_000, lat: 37.76 + i * 0.01, lon: -122.45 + i * 0.01, title: `A${i}` })));
  await post([0, 1, 2].map((i) => ({ at: b + i * 10_000, lat: 37.74 - i * 0.01, lon: -122.42 + i * 0.012, title: `B${i}` })));

  const { page, errors } = await openLiveConsole(t.browser, t.app.url, 'admin', ADMIN_PASSWORD);

  // Into rewind: purpose first (history is an audited search), then the 6 h preset.
  await page.click('button:has-text("Rewind")');
  await page.selectOption('select[name="offense"]', 'robbery');
  await page.click('button:has-text("Set purpose")');
  await page.click('button:has-text("6 h")');
  const banner = page.getByTestId('rewind-banner');
  await banner.waitFor({ timeout: 10_000 });
  expect(await banner.innerText()).toMatch(/^REWIND \d\d:\d\d:\d\d$/);
  // The header does not say a plain "Live" while the map shows the past.
  expect(await page.getByTestId('connection-state').innerText()).toBe('Live · map in rewind');

  // Scrubbing: each burst is on the map within its 15-minute trail, and nowhere else.
  await seek(page, a + 60_000);
  await waitRewindPoints(page, 4);
  await seek(page, b + 60_000);
  await waitRewindPoints(page, 3);
  await seek(page, a + 20 * 60_000);
  await waitRewindPoints(page, 0);
  await seek(page, a - 5 * 60_000);
  await waitRewindPoints(page, 0);

  // Playing at 300×: the clock runs and burst A comes onto the map; Space pauses.
  await seek(page, a - 60_000);
  const before = await banner.innerText();
  await page.click('button:has-text("300×")');
  await page.keyboard.press('Space');
  await waitRewindPoints(page, 4);
  await page.keyboard.press('Space');
  expect(await banner.innerText()).not.toBe(before);
  expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);

  // The live store keeps receiving while the map shows the past.
  const [liveSeq] = await post([{ at: Date.now(), lat: 37.7793, lon: -122.4193, title: 'during rewind' }]);
  await page.waitForFunction((s) => BigInt((window as unknown as { __rtcc: Debug }).__rtcc.lastSeq ?? '0') >= BigInt(s), liveSeq!, { timeout: 10_000 });
  expect(await banner.isVisible()).toBe(true);

  await seek(page, a + 90_000);
  await waitRewindPoints(page, 4);
  await screenshot(page, 'rewind-1920x1080');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'rewind-1024x768');

  // L: back to live. The replay layer is gone; the live layer holds everything, the event sent meanwhile too.
  await page.keyboard.press('l');
  await banner.waitFor({ state: 'detached', timeout: 5000 });
  expect(await page.getByTestId('connection-state').innerText()).toBe('Live');
  expect((await debug(page))?.rewindPoints).toBe(0);
  await page.waitForFunction(() => ((window as unknown as { __rtcc?: Debug }).__rtcc?.mapPoints ?? 0) >= 8, null, { timeout: 10_000 });
  expect(await page.getByRole('button', { name: 'Rewind' }).isVisible()).toBe(true);

  // Every chunk fetched was an audited search with the stated purpose (this attempt's: not a retry's predecessor's).
  const audits = await t.app.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM audit_log WHERE action = 'search.run' AND outcome = 'allow' AND purpose = 'offense:robbery' AND target_id = 'rewind' AND id > $1`,
    [auditedBefore],
  );
  expect(Number(audits.rows[0]!.n)).toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await page.close();
});
