import { generate } from 'otplib';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeUser, type TestUser } from '../helpers/factories';
import { screenshot } from './support/browser';
import { e2eSuite } from './support/e2e-suite';

const t = e2eSuite({ DEMO: '0', MFA_REQUIRED: '1' });

const now = () => Math.floor(Date.now() / 1000);

async function fillCredentials(page: Page, user: TestUser): Promise<void> {
  await page.goto(`${t.app.url}/login`);
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await page.click('button[type="submit"]');
}

it('MFA_REQUIRED: sign in → enrol TOTP → sign out → the code is asked for, a wrong one refused, the right one admits', async () => {
  // An administrator of their own per attempt, as the first-start admin is: the e2e project retries once on the same
  // database, where the first attempt may have left 'admin' enrolled (the code would be asked for at once).
  const agency = (await t.app.pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`)).rows[0]!.id;
  const user = await makeUser(t.app.pool, agency, 'platform_admin');
  const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // First sign-in: no MFA yet, so the console sends the user to enrolment instead of showing data.
  await fillCredentials(page, user);
  await page.waitForURL(`${t.app.url}/account/mfa`);
  expect(await page.locator('[data-testid="connection-state"]').count()).toBe(0);
  // The data APIs refuse too, and a data page's server gate (requirePageUser) sends the browser to enrolment.
  expect(await page.evaluate(async () => (await fetch('/api/incidents')).status)).toBe(403);
  const direct = await page.request.get(`${t.app.url}/cases`, { maxRedirects: 0 });
  // The layout's shell is already streaming, so Next sends the page's redirect inside the stream (HTTP 200).
  expect(await direct.text()).toContain('NEXT_REDIRECT;replace;/account/mfa;');
  await page.goto(`${t.app.url}/cases`);
  await page.waitForURL(`${t.app.url}/account/mfa`);

  await page.getByRole('button', { name: 'Set up an authenticator' }).click();
  const secretEl = page.getByTestId('mfa-secret');
  await secretEl.waitFor();
  const shown = await secretEl.innerText();
  expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/); // grouped by four for typing
  const secret = shown.replace(/\s/g, '');
  const uri = await page.getByTestId('mfa-otpauth').getAttribute('href');
  expect(uri).toMatch(new RegExp(`^otpauth://totp/RTCC:${user.username}\\?secret=${secret}(&|$)`));

  await screenshot(page, 'mfa-enrol-1920x1080');

  // A wrong code first: refused with the API's message, MFA stays off.
  const confirmCode = await generate({ secret });
  await page.fill('#code', wrongCode(confirmCode, await generate({ secret, epoch: now() - 30 }), await generate({ secret, epoch: now() + 30 })));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect.poll(() => page.locator('#mfa-error').innerText()).toContain('Wrong or expired code');
  await screenshot(page, 'mfa-enrol-error-1920x1080');

  await page.fill('#code', confirmCode);
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await page.getByTestId('mfa-status').waitFor();
  expect(await page.getByRole('status').innerText()).toContain('Two-factor sign-in is on');
  const { rows } = await t.app.pool.query<{ enabled: boolean }>(`SELECT m.enabled FROM user_mfa m JOIN app_user u ON u.id = m.user_id WHERE u.username = $1`, [user.username]);
  expect(rows[0]?.enabled).toBe(true);
  await screenshot(page, 'mfa-enrol-done-1920x1080');

  // Into the console, now allowed; then sign out from the header.
  await page.getByRole('link', { name: 'Continue to the console' }).click();
  await page.waitForURL(`${t.app.url}/`);
  await page.locator('[data-testid="connection-state"]').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${t.app.url}/login`);

  // Second sign-in on a smaller screen: the password alone is not enough.
  await page.setViewportSize({ width: 1024, height: 768 });
  await fillCredentials(page, user);
  const codeField = page.locator('#code');
  await codeField.waitFor();
  expect(await page.getByLabel('Authentication code').getAttribute('autocomplete')).toBe('one-time-code');
  expect(await codeField.getAttribute('inputmode')).toBe('numeric');
  expect(page.url()).toBe(`${t.app.url}/login`);

  // The confirm code's time step is spent (the server refuses reuse): the next step's code is within the ±30 s
  // tolerance, so there is no need to wait for a new window.
  const next = await generate({ secret, epoch: now() + 30 });
  await codeField.fill(wrongCode(next, confirmCode));
  await page.click('button[type="submit"]');
  await expect.poll(() => page.locator('#login-error').innerText().catch(() => '')).toBe('Wrong code');
  expect(page.url()).toBe(`${t.app.url}/login`);
  await screenshot(page, 'login-code-1024x768');

  await codeField.fill(next);
  await page.click('button[type="submit"]');
  await page.waitForURL(`${t.app.url}/`);
  await page.locator('[data-testid="connection-state"]').waitFor({ timeout: 30_000 });
  const audit = await t.app.pool.query<{ outcome: string; reason: string | null }>(
    `SELECT outcome, details->>'reason' AS reason FROM audit_log WHERE action = 'auth.login' AND actor_label = $1 ORDER BY id`,
    [user.username],
  );
  expect(audit.rows.map((r) => `${r.outcome}:${r.reason ?? ''}`)).toEqual(['allow:', 'deny:mfa code missing', 'deny:wrong mfa code', 'allow:']);
  // The header keeps a way to the account's second factor on a supervisor's tablet too (there: the user's name).
  await page.setViewportSize({ width: 768, height: 1024 });
  const mfaLink = page.getByRole('link', { name: /two-factor sign-in/i }).filter({ visible: true });
  expect(await mfaLink.count()).toBe(1);
  expect(await mfaLink.getAttribute('href')).toBe('/account/mfa');
  await screenshot(page, 'mfa-console-768x1024');
  expect(errors).toEqual([]);
});

/** A 6-digit code that is none of the valid ones (the server accepts the previous, current and next step). */
function wrongCode(...valid: string[]): string {
  let n = (Number(valid[0]) + 500_000) % 1_000_000;
  while (valid.includes(String(n).padStart(6, '0'))) n = (n + 1) % 1_000_000;
  return String(n).padStart(6, '0');
}
