import { expect, it } from 'vitest';
import { makeUser } from '../helpers/factories';
import { ADMIN_PASSWORD } from './support/app-process';
import { ConsolePage, screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

const t = e2eSuite({ DEMO: '0' });

it('the 404 page runs under its own CSP nonce (nothing blocked, React hydrates) and the site has a favicon', async () => {
  const page = await t.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const blocked: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && blocked.push(m.text()));
  page.on('pageerror', (e) => blocked.push(e.message));
  const res = await page.goto(`${t.app.url}/no-such-page-${Date.now()}`);
  expect(res?.status()).toBe(404);
  const csp = res?.headers()['content-security-policy'] ?? '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  // Every script the page carries has this response's nonce, and the client part ran.
  await page.locator('[data-testid="not-found-links"][data-hydrated="true"]').waitFor({ timeout: 15_000 });
  const nonces = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  expect(nonces.every((n) => n === nonce)).toBe(true);
  expect(blocked).toEqual([]);

  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(icon).toBeTruthy();
  const iconRes = await page.request.get(new URL(icon!, t.app.url).toString());
  expect(iconRes.status()).toBe(200);
  expect(iconRes.headers()['content-type']).toMatch(/^image\//);
  await screenshot(page, 'not-found-1280x800');
  await page.close();
});

it('an admin resets a password; the user must choose their own at first sign-in, then reaches the console', async () => {
  const agency = (await t.app.pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`)).rows[0]!.id;
  const user = await makeUser(t.app.pool, agency, 'operator');
  const admin = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await new ConsolePage(admin, t.app.url).signIn('admin', ADMIN_PASSWORD);
  await admin.goto(`${t.app.url}/admin/users`);
  const row = admin.locator(`[data-testid="user-row"][data-username="${user.username}"]`);
  await row.getByRole('button', { name: 'Reset password' }).click();
  await admin.getByTestId('temp-password-once').waitFor();
  const temporary = (await admin.getByTestId('temp-password-once-value').innerText()).trim();
  expect(temporary.length).toBeGreaterThanOrEqual(20);
  await screenshot(admin, 'admin-users-reset-password-1920x1080');

  const page = await t.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${t.app.url}/login`);
  await page.fill('#username', user.username);
  await page.fill('#password', temporary);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(`${t.app.url}/account/password`);
  await page.getByTestId('password-must-change').waitFor();
  // Anything else goes back to the password page until it is changed.
  await page.goto(`${t.app.url}/cases`);
  await page.waitForURL(`${t.app.url}/account/password`);
  await screenshot(page, 'account-password-must-change-1280x800');

  await page.fill('#current-password', temporary);
  await page.fill('#new-password', 'my own long passphrase');
  await page.fill('#confirm-password', 'my own long passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.waitForURL(`${t.app.url}/`);
  await page.locator('[data-testid="connection-state"]').waitFor();
  expect(errors).toEqual([]);

  const audit = await t.app.pool.query<{ action: string }>(
    `SELECT action FROM audit_log WHERE action IN ('admin.user.reset_password', 'account.password.change') AND target_id = $1 ORDER BY id`,
    [user.id],
  );
  expect(audit.rows.map((r) => r.action)).toEqual(['admin.user.reset_password', 'account.password.change']);
  await admin.close();
  await page.close();
});
