import type { EventInput } from '@/lib/domain/event';

export interface PostOutcome {
  status: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  error?: string;
}

/** POST one batch to the ingest API, the same path every external source uses. */
export async function postBatch(baseUrl: string, apiKey: string, events: EventInput[]): Promise<PostOutcome> {
  const res = await fetch(`${baseUrl}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ events }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json().catch(() => ({}))) as { accepted?: number; duplicates?: number; error?: string };
  if (res.status === 202) return { status: 202, accepted: body.accepted ?? 0, duplicates: body.duplicates ?? 0, rejected: 0 };
  return { status: res.status, accepted: 0, duplicates: 0, rejected: events.length, error: body.error };
}

/** Retry a batch until stored: safe because the API is idempotent by (source, externalId). */
export async function postBatchWithRetry(
  baseUrl: string,
  apiKey: string,
  events: EventInput[],
  opts: { attempts?: number; stopped?: () => boolean } = {},
): Promise<PostOutcome> {
  const attempts = opts.attempts ?? 8;
  let last: PostOutcome = { status: 0, accepted: 0, duplicates: 0, rejected: events.length, error: 'not sent' };
  for (let i = 0; i < attempts && !opts.stopped?.(); i++) {
    try {
      last = await postBatch(baseUrl, apiKey, events);
      if (last.status < 500 && last.status !== 429) return last;
    } catch (err) {
      last = { ...last, status: 0, error: (err as Error).message };
    }
    await new Promise((r) => setTimeout(r, Math.min(10_000, 250 * 2 ** i)));
  }
  return last;
}
