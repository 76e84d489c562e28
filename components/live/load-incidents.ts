import type { IncidentStore } from './incident-store';

/** Pages of 1,000; a runaway backlog stops here rather than hold the tab (the queue pages on its own). */
const MAX_PAGES = 20;

/**
 * Every page of `GET /api/incidents?status=active` into the store (so the map and the wall see every active
 * incident, not the first page). A failure is logged and left: live pushes keep arriving, and the next reconnect
 * tries again.
 */
export async function loadIncidentSnapshot(store: IncidentStore, signal?: AbortSignal): Promise<boolean> {
  const requestedAtMs = Date.now();
  const all: unknown[] = [];
  let after: string | null = null;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const qs = new URLSearchParams({ status: 'active', limit: '1000' });
      if (after) qs.set('after', after);
      const res = await fetch(`/api/incidents?${qs}`, { signal, cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok) {
        console.warn(`[rtcc] incident snapshot failed: HTTP ${res.status}`);
        return false;
      }
      const body = (await res.json()) as { incidents?: unknown; nextCursor?: unknown };
      if (!Array.isArray(body.incidents)) return false;
      all.push(...body.incidents);
      after = typeof body.nextCursor === 'string' ? body.nextCursor : null;
      if (!after) break;
    }
    // The queue pages the server itself; only the map and the wall see the first MAX_PAGES pages then.
    if (after) console.warn(`[rtcc] more than ${all.length} active incidents: the map shows the most pressing ${all.length}`);
    store.applySnapshot(all, requestedAtMs);
    return true;
  } catch (err) {
    if (!signal?.aborted) console.warn('[rtcc] incident snapshot failed', err);
    return false;
  }
}
