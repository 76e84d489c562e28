import type { EventInput } from '@/lib/domain/event';

export interface PostOutcome {
  status: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  error?: string;
  /** Seconds the server asked us to wait (429/503 Retry-After), when it said. */
  retryAfterSeconds?: number;
  /** Field errors of a 400, as the API names them. */
  issues?: { path: string; message: string }[];
}

/** POST one batch to the ingest API, the same path every external source uses. */
export async function postBatch(baseUrl: string, apiKey: string, events: EventInput[]): Promise<PostOutcome> {
  const res = await fetch(`${baseUrl}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ events }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json().catch(() => ({}))) as {
    accepted?: number;
    duplicates?: number;
    error?: string;
    issues?: { path: string; message: string }[];
  };
  if (res.status === 202) return { status: 202, accepted: body.accepted ?? 0, duplicates: body.duplicates ?? 0, rejected: 0 };
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    status: res.status,
    accepted: 0,
    duplicates: 0,
    rejected: events.length,
    error: body.error,
    issues: body.issues,
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/** Retry a batch until stored: safe because the API is idempotent by (source, externalId). */
export async function postBatchWithRetry(
  baseUrl: string,
  apiKey: string,
  events: EventInput[],
  opts: { attempts?: number; stopped?: () => boolean; onRetry?: (outcome: PostOutcome, waitMs: number) => void } = {},
): Promise<PostOutcome> {
  const attempts = opts.attempts ?? 8;
  let last: PostOutcome = { status: 0, accepted: 0, duplicates: 0, rejected: events.length, error: 'not sent' };
  for (let i = 0; i < attempts && !opts.stopped?.(); i++) {
    try {
      last = await postBatch(baseUrl, apiKey, events);
      if (last.status < 500 && last.status !== 429) return last;
    } catch (err) {
      last = { status: 0, accepted: 0, duplicates: 0, rejected: events.length, error: (err as Error).message };
    }
    if (i === attempts - 1) break;
    // Honour the server's Retry-After (rate limit, database restart); else back off exponentially.
    const wait = last.retryAfterSeconds !== undefined ? last.retryAfterSeconds * 1000 : Math.min(10_000, 250 * 2 ** i);
    opts.onRetry?.(last, wait);
    await new Promise((r) => setTimeout(r, wait));
  }
  return last;
}
