import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startE2eApp, type E2eApp } from './app-process';
import { launchBrowser } from './browser';

/** The app and browser of one e2e file, started in parallel before its tests and stopped after them. */
export interface E2eSuite {
  app: E2eApp;
  browser: Browser;
}

/** Boot the app as `npm start` does (with `env`) and a Chromium, for the tests of the calling file. */
export function e2eSuite(env: Record<string, string>): E2eSuite {
  const suite = {} as E2eSuite;
  beforeAll(async () => {
    [suite.app, suite.browser] = await Promise.all([startE2eApp(env), launchBrowser()]);
  });
  // The browser contexts (and pages) an attempt opened are closed when it ends, passed or failed: a failed
  // attempt's live console, wall or video would otherwise keep drawing on the two cores through its retry.
  let before = new Set<BrowserContext>();
  beforeEach(() => {
    before = new Set(suite.browser?.contexts() ?? []);
  });
  afterEach(async () => {
    for (const context of suite.browser?.contexts() ?? []) if (!before.has(context)) await context.close().catch(() => {});
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.stop();
  });
  return suite;
}
