import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { newApiKey } from '@/lib/ingest/api-keys';
import { notifyReferenceChanged } from '@/lib/rules/rule-rows';
import { ADMIN_PASSWORD } from './support/app-process';
import { openLiveConsole, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';
import { closeLeftOpenIncidents } from './support/operator';

const t = e2eSuite({ DEMO: '0' });

it('a rule notifies the agency → the operator sees a notice toast with rule and reason, then finds it in the list', async () => {
  const { rows } = await t.app.pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  const agencyId = rows[0]!.id;
  const tag = crypto.randomBytes(3).toString('hex');
  const ruleName = `Shots near City Hall ${tag}`;
  // Stored like the admin API stores it; the NOTIFY makes the running correlator reload its rules.
  await t.app.pool.query(
    `INSERT INTO rule (id, agency_id, name, premise, actions) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`,
    [crypto.randomUUID(), agencyId, ruleName,
      JSON.stringify({ kind: 'gunshot', conditions: [{ field: 'title', op: 'contains', value: tag }] }),
      JSON.stringify([{ type: 'notify', message: 'Check the City Hall cameras' }])],
  );
  await notifyReferenceChanged(t.app.pool);
  const key = newApiKey();
  await t.app.pool.query(
    `INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'gunshot', $3, $4, $5)`,
    [crypto.randomUUID(), agencyId, `E2E notices ${key.hint}`, key.hash, key.hint],
  );

  const { page, errors } = await openLiveConsole(t.browser, t.app.url, 'admin', ADMIN_PASSWORD);
  // A retry's shot at City Hall must not join an incident the first attempt left open there.
  for (const status of await closeLeftOpenIncidents(page, t.app.pool, agencyId)) expect(status).toBe(200);
  await expect.poll(() => page.getByTestId('notices-button').innerText()).toBe('Notices');

  const res = await fetch(`${t.app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
    body: JSON.stringify({
      events: [{ externalId: `e2e-notice-${tag}`, kind: 'gunshot', typeCode: 'Single_Gunshot', occurredAt: new Date().toISOString(),
        lat: 37.7793, lon: -122.4193, priority: 2, title: `Shot ${tag}`, address: '1 Dr Carlton B Goodlett Pl' }],
    }),
  });
  expect(res.status).toBe(202);

  const toast = page.getByTestId('notice-toast').filter({ hasText: ruleName });
  await toast.waitFor({ timeout: 15_000 });
  expect(await toast.innerText()).toContain('Check the City Hall cameras');
  expect(await toast.getByTestId('notice-reason').innerText()).toBe(`Gunshot Shot ${tag} at 1 Dr Carlton B Goodlett Pl`);
  await screenshot(page, 'rule-notice-toast-1920x1080');
  // The notice is linked to the gunshot's incident: the link opens it.
  await toast.getByRole('link', { name: 'Open incident →' }).click();
  await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
  expect(await page.locator('main').innerText()).toContain(`Shot ${tag}`);
  // Opening it dismisses the toast (it would otherwise sit over the incident page).
  await toast.waitFor({ state: 'detached' });

  // The header counts it as unread until the list is opened; the list keeps it after the toast is gone.
  await expect.poll(() => page.getByTestId('notices-button').innerText()).toBe('Notices (1)');
  await page.getByTestId('notices-button').click();
  const item = page.getByTestId('notice-list').locator('li', { hasText: ruleName });
  await item.waitFor();
  expect(await item.innerText()).toContain(`Shot ${tag} at 1 Dr Carlton B Goodlett Pl`);
  // Already on that incident: no link to where the operator is.
  expect(await item.getByRole('link', { name: 'Open incident →' }).count()).toBe(0);
  await screenshot(page, 'rule-notice-list-1920x1080');
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'rule-notice-list-1024x768');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('notices-button').click();
  await expect.poll(() => page.getByTestId('notices-button').innerText()).toBe('Notices');
  expect(errors).toEqual([]);
});
