import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';

const run = promisify(execFile);

export const sha256 = (b: Uint8Array | string) => crypto.createHash('sha256').update(b).digest('hex');

/** Page object for a detective's /investigate search and /cases/[id] page (app/(console)/investigate, cases). */
export class InvestigationPages {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  /**
   * Searches the default window (last 24 h) for `text` under a stated purpose (an offense type; asked once per tab,
   * the server refuses a search without one); resolves once `expected` rows are listed.
   */
  async search(text: string, expected: number, offense = 'Robbery'): Promise<void> {
    await this.page.goto(`${this.baseUrl}/investigate`);
    const prompt = this.page.getByRole('button', { name: 'Set purpose' });
    const shown = this.page.getByTestId('search-purpose');
    await prompt.or(shown).waitFor();
    if (await prompt.isVisible()) {
      await this.page.locator('select[name="offense"]').selectOption({ label: offense });
      await prompt.click();
    }
    await shown.filter({ hasText: offense }).waitFor();
    await this.page.getByLabel('Text').fill(text);
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
    await this.page.getByText(`${expected} result(s)`, { exact: true }).waitFor();
  }

  searchRows() {
    return this.page.getByTestId('search-row');
  }

  /** Ticks the given events, opens a case from them, and returns its id once the case page is shown. */
  async openCase(seqs: string[]): Promise<string> {
    for (const seq of seqs) await this.page.getByLabel(`select ${seq}`).check();
    await this.page.getByRole('button', { name: `Open case from ${seqs.length} selected` }).click();
    await this.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }

  itemRows() {
    return this.page.getByTestId('item-row');
  }

  async upload(title: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const form = this.page.locator('form', { has: this.page.locator('input[name="file"]') });
    await form.locator('input[name="title"]').fill(title);
    await form.locator('input[name="file"]').setInputFiles(file);
    await form.getByRole('button', { name: 'Upload' }).click();
    await this.page.getByRole('status').filter({ hasText: 'Uploaded' }).waitFor();
  }

  /** Creates a share link with a passcode; returns the URL the page shows once. */
  async share(recipientName: string, passcode: string): Promise<string> {
    await this.page.getByPlaceholder('Recipient name').fill(recipientName);
    await this.page.getByPlaceholder('Passcode (optional)').fill(passcode);
    await this.page.getByRole('button', { name: 'Create share link' }).click();
    return (await this.page.getByTestId('share-url').locator('code').innerText()).trim();
  }
}

export interface VerifiedPackage {
  manifest: { recipient: { name: string }; items: { path: string; sha256: string; title: string; size: number }[]; custody: { action: string }[] };
  /** Every file in the ZIP, relative paths, sorted. */
  files: string[];
  /** path → sha256 as listed in SHA256SUMS. */
  sums: Map<string, string>;
  /** path → sha256 of the bytes actually extracted. */
  actual: Map<string, string>;
}

/** Unzips with the system `unzip` into `dir` and hashes what came out, next to what manifest.json and SHA256SUMS claim. */
export async function readPackage(zipFile: string, dir: string): Promise<VerifiedPackage> {
  const out = path.join(dir, 'out');
  await run('unzip', ['-q', zipFile, '-d', out]);
  const files = (await fs.readdir(out, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => path.relative(out, path.join(d.parentPath, d.name)))
    .sort();
  const actual = new Map<string, string>();
  for (const f of files) actual.set(f, sha256(await fs.readFile(path.join(out, f))));
  const manifest = JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8')) as VerifiedPackage['manifest'];
  const sums = new Map<string, string>();
  for (const line of (await fs.readFile(path.join(out, 'SHA256SUMS'), 'utf8')).split('\n').filter(Boolean)) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!m) throw new Error(`malformed SHA256SUMS line: ${line}`);
    sums.set(m[2]!, m[1]!);
  }
  return { manifest, files, sums, actual };
}
