import type { IncidentStore } from './incident-store';

/**
 * `GET /api/incidents?status=open` into the store. Accepts `{ incidents: [...] }` or a bare array. A failure
 * is logged and left: live pushes keep arriving, and the next reconnect tries again.
 */
export async function loadIncidentSnapshot(store: IncidentStore, signal?: AbortSignal): Promise<boolean> {
  const requestedAtMs = Date.now();
  try {
    const res = await fetch('/api/incidents?status=open', { signal, cache: 'no-store', credentials: 'same-origin' });
    if (!res.ok) {
      console.warn(`[rtcc] incident snapshot failed: HTTP ${res.status}`);
      return false;
    }
    const body: unknown = await res.json();
    const list = Array.isArray(body) ? body : (body as { incidents?: unknown }).incidents;
    if (!Array.isArray(list)) return false;
    store.applySnapshot(list, requestedAtMs);
    return true;
  } catch (err) {
    if (!signal?.aborted) console.warn('[rtcc] incident snapshot failed', err);
    return false;
  }
}
