import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { AdminPages } from './support/admin';
import { ADMIN_PASSWORD } from './support/app-process';
import { ConsolePage, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

const t = e2eSuite({ DEMO: '1' });

async function ingest(key: string): Promise<number> {
  const res = await fetch(`${t.app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      events: [{ externalId: `e2e-${crypto.randomBytes(4).toString('hex')}`, kind: 'gunshot', typeCode: 'Single_Gunshot',
        occurredAt: new Date().toISOString(), lat: 37.7793, lon: -122.4193, priority: 2, title: 'E2E shot', address: '1 Dr Carlton B Goodlett Pl' }],
    }),
  });
  await res.arrayBuffer();
  return res.status;
}

it('admin creates a source (key shown once, accepted by ingest), rotates it (old key refused), creates a user who signs in', async () => {
  const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new ConsolePage(page, t.app.url).signIn('admin', ADMIN_PASSWORD);
  const admin = new AdminPages(page, t.app.url);

  // The header leads to the admin area (followed by URL: the live map keeps two shared cores busy), whose index
  // links to every section.
  expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Admin', exact: true }).getAttribute('href')).toBe('/admin');
  await page.goto(`${t.app.url}/admin`);
  for (const name of ['Sources & API keys', 'Cameras', 'Geofences', 'Rules', 'Users & roles']) {
    expect(await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name, exact: true }).count()).toBe(1);
  }

  // A name unique per attempt: the e2e project retries once, on the same database.
  const name = `E2E ShotSpotter ${crypto.randomBytes(3).toString('hex')}`;
  const key = await admin.createSource(name, 'gunshot');
  expect(key).toMatch(/^rtcc_[A-Za-z0-9_-]{20,}$/);
  expect(await admin.sourceRow(name).getByTestId('key-hint').innerText()).toBe(`${key.slice(0, 9)}…`);
  expect(await ingest(key)).toBe(202);

  // Shown once: after a reload only the hint is left anywhere in the page.
  await page.reload();
  await admin.sourceRow(name).waitFor();
  expect(await page.getByTestId('api-key-once').count()).toBe(0);
  expect(await page.content()).not.toContain(key);
  await screenshot(page, 'admin-sources-1920x1080');

  const rotated = await admin.rotateKey(name, key);
  expect(rotated).not.toBe(key);
  expect(await ingest(key)).toBe(401);
  expect(await ingest(rotated)).toBe(202);
  await admin.sourceRow(name).getByTestId('key-hint').filter({ hasText: rotated.slice(0, 9) }).waitFor();
  await screenshot(page, 'admin-sources-rotated-1920x1080');

  const username = `e2e.${crypto.randomBytes(3).toString('hex')}`;
  const password = await admin.createUser(username, 'E2E Operator', 'operator');
  expect(password.length).toBeGreaterThanOrEqual(20);
  await screenshot(page, 'admin-users-1920x1080');

  // The new user, in a browser of their own, signs in with the temporary password and reaches the console.
  const other = await t.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const theirs = await other.newPage();
  // A temporary password: the console asks for their own first, then opens.
  await theirs.goto(`${t.app.url}/login`);
  await theirs.fill('#username', username);
  await theirs.fill('#password', password);
  await theirs.click('button:has-text("Sign in")');
  await theirs.waitForURL(`${t.app.url}/account/password`);
  await theirs.fill('#current-password', password);
  await theirs.fill('#new-password', 'e2e operator own passphrase');
  await theirs.fill('#confirm-password', 'e2e operator own passphrase');
  await theirs.getByRole('button', { name: 'Change password' }).click();
  await theirs.waitForURL(`${t.app.url}/`);
  expect(await theirs.getByText('E2E Operator').count()).toBeGreaterThan(0);
  // An operator has no admin area: the link is absent and the page answers 404.
  expect(await theirs.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);
  expect((await theirs.request.get(`${t.app.url}/admin/users`)).status()).toBe(404);
  await other.close();

  // The other sections render, and the rule editor shows the API's validation errors by field.
  const sections: [string, string][] = [['/admin', 'Administration'], ['/admin/cameras', 'Cameras'], ['/admin/geofences', 'Geofences'], ['/admin/rules', 'Rules']];
  for (const [path, title] of sections) {
    await page.goto(`${t.app.url}${path}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await screenshot(page, `admin${path.slice(6).replace('/', '-') || '-index'}-1920x1080`);
  }
  // The rule is a form; its raw JSON is the advanced view.
  await page.getByRole('button', { name: 'Advanced: JSON' }).click();
  await page.getByLabel('Rule JSON').fill(JSON.stringify({ name: 'Broken', premise: { kind: 'gunshot', conditions: [{ field: 'colour', op: 'eq', value: 1 }] }, actions: [] }));
  await page.getByRole('button', { name: 'Create rule' }).click();
  const issues = page.locator('#rule-error [data-testid="form-issues"]');
  await issues.waitFor();
  expect(await issues.innerText()).toMatch(/premise\.conditions\[0\]\.field[\s\S]*actions/);
  await screenshot(page, 'admin-rules-error-1920x1080');

  // The form, with a preview of what the rule would have matched (the shot ingested above is a Single_Gunshot).
  await page.goto(`${t.app.url}/admin/rules`);
  const form = page.getByTestId('rule-form');
  // Unique per attempt too: a retry would find the first attempt's rule in the table under the same name.
  const ruleName = `E2E single shots ${crypto.randomBytes(3).toString('hex')}`;
  await form.getByLabel('Name', { exact: true }).fill(ruleName);
  await form.getByLabel('Geofence').selectOption('');
  await form.getByRole('button', { name: '+ Condition' }).click();
  await form.getByLabel('Condition 1 value').fill('Single_Gunshot');
  await page.getByRole('button', { name: 'Preview matches' }).click();
  const matched = page.getByTestId('rule-preview-count');
  await matched.waitFor();
  expect(await matched.innerText()).toMatch(/^[1-9][\d,]* of the .*events of this kind.* would have matched/);
  await screenshot(page, 'admin-rules-preview-1920x1080');
  await page.getByRole('button', { name: 'Create rule' }).click();
  await page.getByTestId('rules-table').getByText(ruleName).waitFor();

  const audit = await t.app.pool.query<{ action: string }>(
    `SELECT action FROM audit_log WHERE action IN ('admin.source.create', 'admin.source.rotate_key', 'admin.user.create') AND actor_label = 'admin' ORDER BY id`,
  );
  expect(audit.rows.map((r) => r.action).slice(-3)).toEqual(['admin.source.create', 'admin.source.rotate_key', 'admin.user.create']);
  expect(errors).toEqual([]);
});
