import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('tests/e2e/__screenshots__');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    ],
  });
}

/** Written for people to look at (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Page object for the sign-in screen and the console. */
export class ConsolePage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async signIn(username: string, password: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/login`);
    await this.page.fill('#username', username);
    await this.page.fill('#password', password);
    await this.page.click('button:has-text("Sign in")');
    await this.page.waitForURL(`${this.baseUrl}/`);
  }

  async waitLive(): Promise<void> {
    await this.page.waitForSelector('[data-testid="connection-state"][data-state="live"]', { timeout: 30_000 });
  }

  feedItem(seq: string) {
    return this.page.locator(`[data-testid="feed-item"][data-seq="${seq}"]`);
  }

  /** What the map's deck.gl layer holds, as the page exposes it for tests. */
  async mapState(): Promise<{ mapPoints: number; lastSeq: string | null }> {
    return this.page.evaluate(() => {
      const w = window as unknown as { __rtcc?: { mapPoints: number; lastSeq: string | null } };
      return { mapPoints: w.__rtcc?.mapPoints ?? 0, lastSeq: w.__rtcc?.lastSeq ?? null };
    });
  }
}

/**
 * A console tab as an operator opens it: a new page (1920×1080 unless told), page errors recorded, signed in and
 * waiting until the live connection is up.
 */
export async function openLiveConsole(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  viewport = { width: 1920, height: 1080 },
  /** `hasTouch`: a touch screen (coarse pointer), as on the supervisor's tablet. */
  device: { hasTouch?: boolean } = {},
): Promise<{ page: Page; ui: ConsolePage; errors: string[] }> {
  const page = await browser.newPage({ viewport, ...device });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const ui = new ConsolePage(page, baseUrl);
  await ui.signIn(username, password);
  await ui.waitLive();
  return { page, ui, errors };
}
