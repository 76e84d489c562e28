import type { ImportReport } from '@/lib/domain/source-mapping';
import type { FileChunk } from './file-chunks';

export type ImportOutcome = { status: 200; report: ImportReport } | { status: number; error: string; retryAfterSeconds?: number };

/** One chunk to POST /api/ingest/import (the same door and mapping as any HTTP client). */
export async function postImport(baseUrl: string, apiKey: string, chunk: FileChunk, format?: 'events'): Promise<ImportOutcome> {
  const q = new URLSearchParams({ firstRow: String(chunk.firstRow), ...(format ? { format } : {}) });
  const res = await fetch(`${baseUrl}/api/ingest/import?${q}`, {
    method: 'POST',
    headers: { 'content-type': chunk.contentType, authorization: `Bearer ${apiKey}` },
    body: chunk.body,
    signal: AbortSignal.timeout(120_000),
  });
  const body = (await res.json().catch(() => ({}))) as ImportReport & { error?: string };
  if (res.status === 200) return { status: 200, report: body };
  const retryAfter = Number(res.headers.get('retry-after'));
  return { status: res.status, error: body.error ?? `HTTP ${res.status}`, ...(res.headers.get('retry-after') && Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}) };
}

/** Retried until answered: safe, as rows already stored come back as duplicates. */
export async function postImportWithRetry(
  baseUrl: string,
  apiKey: string,
  chunk: FileChunk,
  opts: { format?: 'events'; attempts?: number; onRetry?: (why: string, waitMs: number) => void } = {},
): Promise<ImportOutcome> {
  const attempts = opts.attempts ?? 10;
  let last: ImportOutcome = { status: 0, error: 'not sent' };
  for (let i = 0; i < attempts; i++) {
    try {
      last = await postImport(baseUrl, apiKey, chunk, opts.format);
      if (last.status < 500 && last.status !== 429) return last;
    } catch (err) {
      last = { status: 0, error: (err as Error).message };
    }
    if (i === attempts - 1) break;
    const wait = 'retryAfterSeconds' in last && last.retryAfterSeconds !== undefined ? last.retryAfterSeconds * 1000 : Math.min(10_000, 250 * 2 ** i);
    opts.onRetry?.('error' in last ? `${last.status || ''} ${last.error}`.trim() : String(last.status), wait);
    await new Promise((r) => setTimeout(r, wait));
  }
  return last;
}
