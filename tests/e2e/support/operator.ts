import type { Page } from 'playwright-core';

/** Page-object helpers for the operator flow: queue, incident workspace, video tiles, wall. */
export class OperatorPages {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  queueItem(incidentId: string) {
    return this.page.locator(`[data-testid="queue-item"][data-incident-id="${incidentId}"]`);
  }

  player(cameraId: string) {
    return this.page.locator(`[data-testid="hls-player"][data-camera-id="${cameraId}"]`);
  }

  /** The tile's <video> plays: its currentTime moves forward by `seconds` (no sleeping: polled). */
  async waitVideoAdvances(cameraId: string, seconds = 1, timeout = 30_000): Promise<{ from: number; to: number }> {
    const sel = `[data-testid="hls-player"][data-camera-id="${cameraId}"] video`;
    await this.page.waitForFunction((s) => ((document.querySelector(s) as HTMLVideoElement | null)?.currentTime ?? 0) > 0, sel, { timeout });
    const from = await this.page.$eval(sel, (v) => (v as HTMLVideoElement).currentTime);
    await this.page.waitForFunction(([s, t]) => (document.querySelector(s as string) as HTMLVideoElement).currentTime > (t as number), [sel, from + seconds] as const, {
      timeout,
    });
    const to = await this.page.$eval(sel, (v) => (v as HTMLVideoElement).currentTime);
    return { from, to };
  }
}
