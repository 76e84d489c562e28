import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ACTIVE_STATUSES } from '@/lib/domain/incident';
import { priorityBand } from '@/lib/domain/priority-band';
import { newApiKey } from '@/lib/ingest/api-keys';
import { ADMIN_PASSWORD } from './support/app-process';
import { openLiveConsole, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

const t = e2eSuite({ DEMO: '0' });

/** The queue and the workspace hide nothing and stay live (issue: a queue of the top 200, a workspace stuck "Open"). */
it('with more than 200 open incidents the header counts what the database holds, the newest P2 is reachable, and an open workspace follows CAD', async () => {
  const { rows: admin } = await t.app.pool.query<{ agency_id: string }>(`SELECT agency_id FROM app_user WHERE username = 'admin'`);
  const agencyId = admin[0]!.agency_id;
  const key = newApiKey();
  await t.app.pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'cad', $3, $4, $5)`, [
    crypto.randomUUID(), agencyId, `E2E queue ${key.hint}`, key.hash, key.hint,
  ]);
  const cad = async (events: Record<string, unknown>[]) => {
    const res = await fetch(`${t.app.url}/api/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
      body: JSON.stringify({ events: events.map((e) => ({ externalId: `q-${crypto.randomBytes(6).toString('hex')}`, kind: 'cad', occurredAt: new Date().toISOString(), ...e })) }),
    });
    expect(res.status).toBe(202);
  };

  // 260 open incidents already stored (P2 and P3, opened over the last hours): more than the old top 200.
  const now = Date.now();
  const run = crypto.randomBytes(3).toString('hex');
  await t.app.pool.query(
    `INSERT INTO incident (id, agency_id, number, status, type_code, title, lat, lon, score, reasons, opened_at, updated_at, last_seq)
     SELECT gen_random_uuid(), $1, 'Q-' || $3 || '-' || n, 'open', CASE WHEN n % 2 = 0 THEN 'Alarm' ELSE 'Medical Incident' END,
            'Seeded incident ' || n, 37.70 + (n % 20) * 0.005, -122.50 + (n / 20) * 0.005, CASE WHEN n % 2 = 0 THEN 40 ELSE 25 END,
            jsonb_build_array(jsonb_build_object('key', 'base', 'text', 'seeded', 'weight', CASE WHEN n % 2 = 0 THEN 40 ELSE 25 END)),
            to_timestamp(($2::float8 - n * 60000) / 1000), now(), 1
       FROM generate_series(1, 260) n`,
    [agencyId, now, run],
  );
  const dbOpen = async () =>
    Number((await t.app.pool.query<{ n: string }>(`SELECT count(*) AS n FROM incident WHERE agency_id = $1 AND status = ANY($2::text[])`, [agencyId, ACTIVE_STATUSES])).rows[0]!.n);

  const consoleErrors: string[] = [];
  const { page, errors } = await openLiveConsole(t.browser, t.app.url, 'admin', ADMIN_PASSWORD);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  const count = page.getByTestId('queue-count');
  const headerOpen = async () => Number(await count.getAttribute('data-open'));
  await expect.poll(headerOpen, { timeout: 15_000 }).toBe(await dbOpen());
  expect(await dbOpen()).toBeGreaterThan(200);

  // A new "burglary in progress" from CAD while the console is open: counted at once, and reachable.
  const number = `CAD-${crypto.randomBytes(3).toString('hex')}`;
  await cad([{ typeCode: 'Burglary in progress', title: 'Burglary in progress', priority: 2, lat: 37.7793, lon: -122.4193, address: '1 Dr Carlton B Goodlett Pl', payload: { incidentNumber: number, status: 'dispatched' } }]);
  let created: { id: string; score: number } | undefined;
  await expect
    .poll(async () => (created = (await t.app.pool.query<{ id: string; score: number }>('SELECT id, score FROM incident WHERE number = $1', [number])).rows[0]), { timeout: 15_000 })
    .toBeTruthy();
  await expect.poll(headerOpen, { timeout: 10_000 }).toBe(await dbOpen());
  await screenshot(page, 'queue-1920x1080');

  // The newest incident of its band sorts last among equals (oldest waits longest): page by page to it.
  const band = priorityBand(created!.score);
  await page.getByRole('button', { name: `P${band}`, exact: true }).click();
  // 130 seeded P2 before it: more than one page (100) of the band.
  if (band === 2) await expect.poll(async () => Number(await count.getAttribute('data-total')), { timeout: 10_000 }).toBeGreaterThan(100);
  await scrollQueueUntil(page, created!.id);
  await page.getByRole('button', { name: `P${band}`, exact: true }).click();

  // Its workspace, open while CAD moves: a unit on scene, then the call cleared, shown without a reload.
  await page.goto(`${t.app.url}/incidents/${created!.id}`);
  const workspace = page.getByTestId('incident-workspace');
  await workspace.waitFor();
  expect(await workspace.getAttribute('data-status')).toBe('open');
  await page.waitForSelector('[data-testid="connection-state"][data-state="live"]', { timeout: 30_000 });
  await cad([{ typeCode: 'Burglary in progress', priority: 2, lat: 37.7793, lon: -122.4193, payload: { incidentNumber: number, status: 'on_scene', units: [{ callSign: 'E7', status: 'on_scene' }] } }]);
  await page.locator('[data-testid="incident-unit"][data-status="on_scene"]', { hasText: 'E7' }).waitFor({ timeout: 15_000 });
  expect(await page.getByTestId('incident-unit').filter({ hasText: 'E7' }).innerText()).toContain('On scene');
  await cad([{ typeCode: 'Burglary in progress', priority: 2, lat: 37.7793, lon: -122.4193, payload: { incidentNumber: number, status: 'cleared', units: [{ callSign: 'E7', status: 'available' }] } }]);
  await page.waitForSelector('[data-testid="incident-workspace"][data-status="closed"]', { timeout: 15_000 });
  expect(await page.getByTestId('incident-status').innerText()).toMatch(/closed/i);
  expect(await page.getByRole('button', { name: 'Close', exact: true }).isDisabled()).toBe(true);

  // Back on the console: the closed incident is gone from the count, which still equals the database's.
  await page.goto(`${t.app.url}/`);
  await expect.poll(headerOpen, { timeout: 15_000 }).toBe(await dbOpen());

  // Units survive map rewind → live (deck.gl refused a finalised layer and units vanished).
  const avl = newApiKey();
  await t.app.pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'avl', $3, $4, $5)`, [
    crypto.randomUUID(), agencyId, `E2E avl ${avl.hint}`, avl.hash, avl.hint,
  ]);
  const fix = await fetch(`${t.app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${avl.key}` },
    body: JSON.stringify({ events: [{ externalId: `avl-${crypto.randomBytes(6).toString('hex')}`, kind: 'avl', typeCode: 'AVL', occurredAt: new Date().toISOString(), lat: 37.78, lon: -122.42, title: 'M12', payload: { callSign: 'M12' } }] }),
  });
  expect(fix.status).toBe(202);
  await page.waitForFunction(() => ((window as unknown as { __rtcc?: { mapUnits?: number } }).__rtcc?.mapUnits ?? 0) >= 1, null, { timeout: 30_000 });
  await page.click('button:has-text("Rewind")');
  await page.selectOption('select[name="offense"]', 'robbery');
  await page.click('button:has-text("Set purpose")');
  await page.click('button:has-text("6 h")');
  await page.getByTestId('rewind-banner').waitFor({ timeout: 10_000 });
  await page.keyboard.press('l');
  await page.getByTestId('rewind-banner').waitFor({ state: 'detached', timeout: 5000 });
  // Two frames for deck.gl to draw the stack it was handed.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

  // A tablet in portrait shows the same queue.
  await page.setViewportSize({ width: 768, height: 1024 });
  await expect.poll(headerOpen, { timeout: 10_000 }).toBe(await dbOpen());
  await screenshot(page, 'queue-768x1024');
  expect(consoleErrors.filter((m) => /finali[sz]ed|assert/i.test(m))).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

/**
 * Scrolls the virtualised queue to its end, again each time a page arrives (the list grows), until the incident's
 * row is mounted. Polled against a deadline: pages come slowly on a loaded machine.
 */
async function scrollQueueUntil(page: Page, incidentId: string): Promise<void> {
  const row = page.locator(`[data-testid="queue-item"][data-incident-id="${incidentId}"]`);
  await expect
    .poll(
      async () => {
        await page.locator('[role="listbox"][aria-label="Open incidents by priority"]').evaluate((ul) => {
          const box = ul.parentElement!;
          box.scrollTop = box.scrollHeight;
        });
        return row.count();
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBeGreaterThan(0);
  await row.click();
  expect(await row.getAttribute('aria-selected')).toBe('true');
}
