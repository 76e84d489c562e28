import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
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
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.stop();
  });
  return suite;
}
