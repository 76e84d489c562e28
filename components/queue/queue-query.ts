import { AGE_LIMIT_MS, type QueueFilter } from './priority';

/** The filter as `GET /api/incidents` query parameters (the server filters; the browser only merges pushes). */
export function queueParams(f: QueueFilter): URLSearchParams {
  const qs = new URLSearchParams({ status: 'active' });
  if (f.priorities.size) qs.set('priority', [...f.priorities].sort().join(','));
  if (f.kind) qs.set('kind', f.kind);
  if (f.text.trim()) qs.set('q', f.text.trim());
  if (f.district) qs.set('district', f.district);
  if (f.agency) qs.set('agency', f.agency);
  if (f.age !== 'all') qs.set('maxAgeMin', String(AGE_LIMIT_MS[f.age] / 60_000));
  return qs;
}

/** Rows per queue page (the first one is rendered with the console page). */
export const QUEUE_PAGE = 100;

export interface QueueCounts {
  total: number;
  open: number;
  kinds: string[];
}

export interface QueuePage extends QueueCounts {
  incidents: unknown[];
  nextCursor: string | null;
}

/** A page request that hangs must not hold the list's one loader for good: it is given up and asked again. */
const PAGE_TIMEOUT_MS = 20_000;

export async function fetchQueuePage(qs: URLSearchParams, after: string | null, limit: number, signal: AbortSignal): Promise<QueuePage> {
  const q = new URLSearchParams(qs);
  q.set('limit', String(limit));
  if (after) q.set('after', after);
  const res = await fetch(`/api/incidents?${q}`, { signal: AbortSignal.any([signal, AbortSignal.timeout(PAGE_TIMEOUT_MS)]), cache: 'no-store', credentials: 'same-origin' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as QueuePage;
}

export async function fetchQueueCounts(qs: URLSearchParams, signal: AbortSignal): Promise<QueueCounts> {
  const res = await fetch(`/api/incidents/count?${qs}`, { signal, cache: 'no-store', credentials: 'same-origin' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as QueueCounts;
}
