import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hashPassword } from '@/lib/auth/password';
import { newApiKey } from '@/lib/ingest/api-keys';
import { startE2eApp, type E2eApp } from './support/app-process';
import { ConsolePage, launchBrowser, screenshot } from './support/browser';
import { InvestigationPages, readPackage, sha256 } from './support/evidence';

let app: E2eApp;
let browser: Browser;
let tmp: string;

beforeAll(async () => {
  [app, browser, tmp] = await Promise.all([startE2eApp({ DEMO: '0' }), launchBrowser(), fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-e2e-zip-'))]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

it('detective: search → case → upload → passcode share; attorney: unlock, watermark, ZIP verifies; revoked link refused', async () => {
  const tag = crypto.randomBytes(4).toString('hex');
  const { rows } = await app.pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  const agencyId = rows[0]!.id;
  const username = `det-${tag}`;
  const password = `detective-pass-${tag}`;
  await app.pool.query(
    `INSERT INTO app_user (id, agency_id, username, display_name, role, password_hash) VALUES ($1, $2, $3, 'Det. E2E', 'detective', $4)`,
    [crypto.randomUUID(), agencyId, username, await hashPassword(password)],
  );
  const key = newApiKey();
  await app.pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'cad', $3, $4, $5)`, [
    crypto.randomUUID(), agencyId, `E2E CAD ${tag}`, key.hash, key.hint,
  ]);
  // Minutes in the past: the search form's default window ends at the current minute.
  const at = (minAgo: number) => new Date(Date.now() - minAgo * 60_000).toISOString();
  const res = await fetch(`${app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
    body: JSON.stringify({
      events: [30, 20, 10].map((m, i) => ({
        externalId: `e2e-${tag}-${i}`, kind: 'cad', typeCode: 'Robbery', occurredAt: at(m), lat: 37.7801 + i / 10_000, lon: -122.4101,
        priority: 2, title: `E2E robbery ${tag} #${i}`, address: '100 Block of MARKET ST',
      })),
    }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  const seqs = ((await res.json()) as { results: { seq: string }[] }).results.map((r) => r.seq);

  // Detective, in the browser: sign in, search the history, open a case from the hits.
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new ConsolePage(page, app.url).signIn(username, password);
  const inv = new InvestigationPages(page, app.url);
  await inv.search(tag, 3);
  expect(await inv.searchRows().allInnerTexts()).toEqual([2, 1, 0].map((i) => expect.stringContaining(`E2E robbery ${tag} #${i}`)));
  // The purpose stated in the browser is on the search's audit row.
  const searched = await app.pool.query<{ purpose: string }>(
    `SELECT purpose FROM audit_log WHERE action = 'search.run' AND outcome = 'allow' AND actor_label = $1`,
    [username],
  );
  expect(searched.rows).toEqual([{ purpose: 'offense:robbery' }]);
  await screenshot(page, 'investigate-purpose-1920x1080');
  const caseId = await inv.openCase(seqs);
  await expect.poll(() => inv.itemRows().count()).toBe(3);

  // Upload a 911 recording through the case page's form.
  const audio = crypto.randomBytes(150_000);
  await inv.upload(`911 call ${tag}`, { name: '911-call.wav', mimeType: 'audio/wav', buffer: audio });
  await inv.itemRows().filter({ hasText: `911 call ${tag}` }).waitFor();
  expect(await inv.itemRows().count()).toBe(4);
  const stored = await app.pool.query<{ sha256: string; size: string }>(`SELECT sha256, size FROM evidence_item WHERE case_id = $1 AND kind = 'upload'`, [caseId]);
  expect(stored.rows).toEqual([{ sha256: sha256(audio), size: '150000' }]);

  // Verify integrity, then share with a passcode.
  await page.getByTestId('verify-case').click();
  await expect.poll(() => page.getByTestId('verify-result').innerText()).toMatch(/^Intact: 4 items/);
  const recipient = `A. Attorney ${tag}`;
  const passcode = `open-sesame-${tag}`;
  const shareUrl = await inv.share(recipient, passcode);
  expect(shareUrl).toMatch(new RegExp(`^${app.url}/share/[\\w-]{43}$`));
  await page.getByText(`${recipient} (passcode)`).waitFor();
  await screenshot(page, 'case-1920x1080');

  // Attorney: a fresh context, no cookies, no account.
  const attorney = await browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  expect(await attorney.cookies()).toEqual([]);
  const share = await attorney.newPage();
  share.on('pageerror', (e) => errors.push(e.message));
  expect((await share.goto(shareUrl))?.status()).toBe(200);
  await share.getByText('This link is protected by a passcode').waitFor();
  expect(await share.getByTestId('watermark').count()).toBe(0);
  await share.getByLabel('Passcode').fill('wrong-guess');
  await share.getByRole('button', { name: 'Open' }).click();
  // Next's route announcer is also role="alert": wait for the one that speaks of the passcode.
  await share.getByRole('alert').filter({ hasText: /passcode/i }).waitFor();
  await share.getByLabel('Passcode').fill(passcode);
  await share.getByRole('button', { name: 'Open' }).click();
  await share.getByTestId('watermark').waitFor({ state: 'attached' });
  expect(await share.getByTestId('watermark').getAttribute('data-text')).toContain(recipient);
  expect(await share.getByTestId('share-recipient').innerText()).toBe(recipient);
  const items = share.getByTestId('share-item');
  expect(await items.count()).toBe(4);
  expect(await items.filter({ hasText: `911 call ${tag}` }).innerText()).toContain(sha256(audio));
  await screenshot(share, 'share-page-1920x1080');
  await share.setViewportSize({ width: 1024, height: 768 });
  await screenshot(share, 'share-page-1024x768');

  // The ZIP: every file's hash matches both manifest.json and SHA256SUMS, and nothing is unlisted.
  const [download] = await Promise.all([share.waitForEvent('download'), share.getByTestId('download-package').click()]);
  const zipFile = path.join(tmp, 'package.zip');
  await download.saveAs(zipFile);
  expect(download.suggestedFilename()).toMatch(/^case-.+\.zip$/);
  const pkg = await readPackage(zipFile, tmp);
  expect(pkg.manifest.recipient.name).toBe(recipient);
  expect(pkg.manifest.items).toHaveLength(4);
  expect(pkg.files).toEqual(['README.txt', 'SHA256SUMS', 'manifest.json', ...pkg.manifest.items.map((i) => i.path)].sort());
  expect([...pkg.sums.keys()].sort()).toEqual(pkg.manifest.items.map((i) => i.path).sort());
  for (const item of pkg.manifest.items) {
    expect(pkg.actual.get(item.path), item.path).toBe(item.sha256);
    expect(pkg.sums.get(item.path), item.path).toBe(item.sha256);
  }
  expect(pkg.manifest.items.find((i) => i.title === `911 call ${tag}`)).toMatchObject({ sha256: sha256(audio), size: 150_000 });
  expect(pkg.manifest.custody.map((c) => c.action)).toEqual(expect.arrayContaining(['created', 'added', 'shared', 'exported']));

  // Revoke from the case page: the detective confirms, the list says revoked and the button is gone.
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('revoke-share').click();
  await page.getByText(`${recipient} (passcode) — revoked`).waitFor();
  expect(await page.getByTestId('revoke-share').count()).toBe(0);

  // The attorney's tab, even with the unlock cookie: a refusal page, and the ZIP answers 410 Gone.
  // The page itself answers 200 (a server component cannot set 410); the refusal is in what it shows.
  await share.reload();
  expect(await share.getByTestId('share-gone').innerText()).toContain('This share link was revoked');
  await screenshot(share, 'share-revoked-1024x768');
  expect(await share.getByTestId('share-item').count()).toBe(0);
  expect((await share.request.get(`${app.url}/api/share/${shareUrl.split('/').pop()}/package.zip`)).status()).toBe(410);
  const refused = await app.pool.query(`SELECT count(*)::int AS n FROM custody_log WHERE case_id = $1 AND details->>'refused' = 'revoked'`, [caseId]);
  expect(refused.rows[0].n).toBe(2);

  expect(errors).toEqual([]);
  await attorney.close();
  await page.close();
});
