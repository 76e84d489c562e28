import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startOidcProvider, type OidcProvider } from '../helpers/oidc-provider';
import { startE2eApp, type E2eApp } from './support/app-process';
import { launchBrowser, screenshot } from './support/browser';

// Directory sign-in in real Chromium. The console is opened as http://localhost:<port> and the provider lives at
// http://127.0.0.1:<port>: two different sites, so the SameSite rules of a real cross-site round trip apply (the
// Strict session cookie must still be sent once the callback page moves on to the console).
let app: E2eApp;
let browser: Browser;
let idp: OidcProvider;

beforeAll(async () => {
  idp = await startOidcProvider();
  [app, browser] = await Promise.all([
    startE2eApp({
      DEMO: '0',
      OIDC_ISSUER: idp.url,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_ROLE_MAP: 'rtcc-detectives=detective',
      OIDC_DISPLAY_NAME: 'City Directory',
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await idp?.stop();
});

it('signs a detective in through the agency directory, lands on the console, and is asked for a search purpose', async () => {
  const base = app.url.replace('127.0.0.1', 'localhost');
  idp.next = { sub: 'e2e-directory-user', amr: ['pwd', 'mfa'], claims: { name: 'Det. Directory', preferred_username: 'det.directory', groups: ['rtcc-detectives'] } };
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/login`);
  const button = page.getByRole('link', { name: 'Sign in with City Directory' });
  await button.waitFor();
  await screenshot(page, 'login-oidc-1024x768');
  await button.click();
  await page.waitForURL(`${base}/`, { timeout: 30_000 });
  // Signed in: the same-origin API answers with the session cookie the callback set.
  const status = await page.evaluate(async () => (await fetch('/api/cases')).status);
  expect(status).toBe(200);
  const cookies = await page.context().cookies(base);
  expect(cookies.find((c) => c.name === 'rtcc_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(cookies.find((c) => c.name === 'rtcc_oidc')).toBeUndefined(); // one-use state cookie cleared
  await screenshot(page, 'console-after-oidc-1024x768');

  // A detective's first search asks for its purpose first: the search form stays disabled until one is stated.
  await page.goto(`${base}/investigate`);
  await page.getByRole('button', { name: 'Set purpose' }).waitFor();
  expect(await page.getByRole('button', { name: 'Search', exact: true }).isDisabled()).toBe(true);
  await page.getByLabel('Case number').check();
  await page.locator('input[name="caseNumber"]').fill('x');
  await page.getByRole('button', { name: 'Set purpose' }).click();
  await page.getByRole('alert').filter({ hasText: 'Case number: 3–40' }).waitFor();
  await screenshot(page, 'investigate-purpose-prompt-1024x768');
  await page.locator('input[name="caseNumber"]').fill('2026-004711');
  await page.getByRole('button', { name: 'Set purpose' }).click();
  await page.getByTestId('search-purpose').filter({ hasText: 'Case 2026-004711' }).waitFor();
  expect(await page.getByRole('button', { name: 'Search', exact: true }).isDisabled()).toBe(false);
  expect(errors).toEqual([]);
}, 90_000);
