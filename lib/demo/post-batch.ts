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
export function postBatch(baseUrl: string, apiKey: string, events: EventInput[]): Promise<PostOutcome> {
  return postJson(`${baseUrl}/api/ingest/events`, apiKey, { events }, events.length);
}

/** POST one JSON body to an ingest door (`count`: how many records it holds, reported as rejected on failure). */
export async function postJson(url: string, apiKey: string, body: unknown, count = 1): Promise<PostOutcome> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const answer = (await res.json().catch(() => ({}))) as {
    accepted?: number;
    duplicates?: number;
    error?: string;
    issues?: { path: string; message: string }[];
  };
  if (res.status === 202 || res.status === 200) {
    return { status: res.status, accepted: answer.accepted ?? 0, duplicates: answer.duplicates ?? 0, rejected: 0 };
  }
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    status: res.status,
    accepted: 0,
    duplicates: 0,
    rejected: count,
    error: answer.error,
    issues: answer.issues,
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

interface RetryOptions {
  attempts?: number;
  stopped?: () => boolean;
  onRetry?: (outcome: PostOutcome, waitMs: number) => void;
}

/** Retry a batch until stored: safe because the API is idempotent by (source, externalId). */
export function postBatchWithRetry(baseUrl: string, apiKey: string, events: EventInput[], opts: RetryOptions = {}): Promise<PostOutcome> {
  return retrying(() => postBatch(baseUrl, apiKey, events), events.length, opts);
}

/** The same for any ingest door whose records carry their own ids (every door is idempotent by them). */
export function postJsonWithRetry(url: string, apiKey: string, body: unknown, opts: RetryOptions = {}): Promise<PostOutcome> {
  return retrying(() => postJson(url, apiKey, body), 1, opts);
}

async function retrying(send: () => Promise<PostOutcome>, count: number, opts: RetryOptions): Promise<PostOutcome> {
  const attempts = opts.attempts ?? 8;
  let last: PostOutcome = { status: 0, accepted: 0, duplicates: 0, rejected: count, error: 'not sent' };
  for (let i = 0; i < attempts && !opts.stopped?.(); i++) {
    try {
      last = await send();
      if (last.status < 500 && last.status !== 429) return last;
    } catch (err) {
      last = { status: 0, accepted: 0, duplicates: 0, rejected: count, error: (err as Error).message };
    }
    if (i === attempts - 1) break;
    // Honour the server's Retry-After (rate limit, database restart); else back off exponentially.
    const wait = last.retryAfterSeconds !== undefined ? last.retryAfterSeconds * 1000 : Math.min(10_000, 250 * 2 ** i);
    opts.onRetry?.(last, wait);
    await new Promise((r) => setTimeout(r, wait));
  }
  return last;
}
