import type pg from 'pg';
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

/**
 * Closes the agency's incidents an earlier attempt left open, as an operator closes them (the signed-in `page`'s
 * session, through the API). The e2e project retries on the same database: a retry's event at the same spot would
 * (rightly) join the first attempt's incident, under its title. Returns each close's HTTP status.
 */
export async function closeLeftOpenIncidents(page: Page, pool: pg.Pool, agencyId: string): Promise<number[]> {
  const left = await pool.query<{ id: string }>(`SELECT id FROM incident WHERE agency_id = $1 AND status NOT IN ('closed', 'merged')`, [agencyId]);
  const statuses: number[] = [];
  for (const { id } of left.rows) {
    statuses.push(await page.evaluate(async (url) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, `/api/incidents/${id}/close`));
  }
  return statuses;
}
