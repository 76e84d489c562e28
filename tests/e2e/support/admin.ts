import type { Page } from 'playwright-core';

/** Page object for the admin area (app/(console)/admin): sources and their one-time keys, users and their passwords. */
export class AdminPages {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  sourceRow(name: string) {
    return this.page.getByTestId('source-row').filter({ hasText: name });
  }

  /** The key shown once after create/rotate; resolves to its text. */
  async shownKey(): Promise<string> {
    return (await this.page.getByTestId('api-key-once-value').innerText()).trim();
  }

  async createSource(name: string, kind: string): Promise<string> {
    await this.page.goto(`${this.baseUrl}/admin/sources`);
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByLabel('Kind').selectOption(kind);
    await this.page.getByRole('button', { name: 'Create source and key' }).click();
    await this.page.getByTestId('api-key-once').waitFor();
    await this.sourceRow(name).waitFor();
    return this.shownKey();
  }

  /** Rotate from the row (two clicks: the row asks to confirm); resolves to the new key once shown. */
  async rotateKey(name: string, previous: string): Promise<string> {
    await this.sourceRow(name).getByRole('button', { name: 'Rotate key' }).click();
    await this.sourceRow(name).getByRole('button', { name: 'Confirm rotation' }).click();
    await this.page.waitForFunction(
      (old) => {
        const el = document.querySelector('[data-testid="api-key-once-value"]');
        return !!el && el.textContent?.trim() !== old;
      },
      previous,
    );
    return this.shownKey();
  }

  async createUser(username: string, displayName: string, role: string): Promise<string> {
    await this.page.goto(`${this.baseUrl}/admin/users`);
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Display name').fill(displayName);
    // The label's accessible name includes the chosen option ("Role operator"): select by the form field instead.
    await this.page.locator('form select[name="role"]').selectOption(role);
    await this.page.getByRole('button', { name: 'Create user' }).click();
    await this.page.getByTestId('temp-password-once').waitFor();
    await this.page.locator(`[data-testid="user-row"][data-username="${username}"]`).waitFor();
    return (await this.page.getByTestId('temp-password-once-value').innerText()).trim();
  }
}
