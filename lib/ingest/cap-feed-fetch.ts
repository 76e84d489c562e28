import { readStreamCapped } from '@/lib/platform/http/read-body';
import { outboundFetch } from '@/lib/platform/outbound/outbound-fetch';
import type { Runtime } from '@/lib/platform/runtime';

export const FEED_MAX_BYTES = 8 * 1024 * 1024;
const FEED_TIMEOUT_MS = 20_000;
/** A feed may move (http → https, a new path): a few redirects, each hop checked by the outbound policy. */
const FEED_MAX_REDIRECTS = 3;

/** Conditional-request state of one feed URL (ETag / Last-Modified from its last 200). */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/**
 * GET a CAP document or feed through the outbound-address policy (no private, loopback or link-local address unless
 * allow-listed, re-checked after each redirect and on every resolved address), at most FEED_MAX_BYTES, with
 * If-None-Match / If-Modified-Since when `validators` are given (updated from a 200).
 */
export async function fetchCapBytes(
  rt: Pick<Runtime, 'env'>,
  url: string,
  validators?: Validators,
  signal?: AbortSignal,
): Promise<{ status: number; bytes?: Uint8Array }> {
  const headers: Record<string, string> = { accept: 'application/cap+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  const res = await outboundFetch(rt, url, {
    headers,
    maxRedirects: FEED_MAX_REDIRECTS,
    signal: AbortSignal.any([AbortSignal.timeout(FEED_TIMEOUT_MS), ...(signal ? [signal] : [])]),
  });
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => {});
    return { status: res.status };
  }
  const bytes = await readStreamCapped(res.body as unknown as ReadableStream<Uint8Array> | null, FEED_MAX_BYTES, () => new Error(`larger than ${FEED_MAX_BYTES} bytes`));
  if (validators) {
    validators.etag = res.headers.get('etag');
    validators.lastModified = res.headers.get('last-modified');
  }
  return { status: 200, bytes };
}
