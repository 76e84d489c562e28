import type { Response as UndiciResponse } from 'undici';
import { AppError } from '@/lib/platform/errors/app-error';
import { readStreamCapped } from '@/lib/platform/http/read-body';
import { outboundFetch, OutboundRefused } from '@/lib/platform/outbound/outbound-fetch';
import type { Runtime } from '@/lib/platform/runtime';
import { streamCapped } from '../platform/http/capped-body';
import { rewritePlaylist } from './hls-urls';
import { mediaTypeFor } from './media-type';

export const UPSTREAM_TIMEOUT_MS = 8000;
export const MAX_PLAYLIST_BYTES = 512 * 1024;
export const MAX_SEGMENT_BYTES = 32 * 1024 * 1024;

/** Headers on everything relayed: never sniffed into something a browser would run, never framed as a page. */
const SAFE = { 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; sandbox" } as const;

/**
 * Fetch one upstream HLS playlist or segment for a same-origin proxy (the caller has checked access and audited
 * the view): through the outbound-address policy (no private, loopback or link-local address unless allow-listed,
 * checked on every address the name resolves to), on the stream's own origin only, no redirects, a timeout and a
 * size cap. Playlists are rewritten to `prefix` (the console's camera proxy, or a responder brief's); anything else
 * is answered only as a video (or HLS key) type, so a camera cannot serve a page on the console's origin.
 */
export async function relayHls(rt: Pick<Runtime, 'env'>, streamUrl: string, upstream: URL, prefix: string, isPlaylist: boolean): Promise<Response> {
  let res: UndiciResponse;
  try {
    res = await outboundFetch(rt, upstream, { signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS), cache: 'no-store' });
  } catch (err) {
    if (err instanceof OutboundRefused) throw new AppError('UNAVAILABLE', `No signal: ${err.message}`);
    throw new AppError('UNAVAILABLE', 'No signal: the camera did not answer');
  }
  if (!res.ok || !res.body) {
    const why = await upstreamReason(res);
    throw new AppError(res.status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE', `No signal: the camera answered ${res.status}${why ? ` (${why})` : ''}`);
  }
  const body = res.body as unknown as ReadableStream<Uint8Array>;
  const type = res.headers.get('content-type') ?? '';
  if (isPlaylist || /mpegurl/i.test(type)) {
    const bytes = await readStreamCapped(body, MAX_PLAYLIST_BYTES, () => new AppError('PAYLOAD_TOO_LARGE', 'Upstream playlist too large'));
    const text = new TextDecoder().decode(bytes);
    const rewritten = rewritePlaylist(text, upstream, new URL(streamUrl), prefix);
    return new Response(rewritten, { headers: { 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-store', ...SAFE } });
  }
  const media = mediaTypeFor(type, upstream.pathname);
  if (!media) {
    await body.cancel();
    throw new AppError('UNAVAILABLE', `No signal: the camera answered ${type.split(';')[0] || 'no content type'}, which is not video`);
  }
  const len = Number(res.headers.get('content-length') ?? '0');
  if (len > MAX_SEGMENT_BYTES) {
    await body.cancel();
    throw new AppError('PAYLOAD_TOO_LARGE', 'Upstream segment too large');
  }
  return new Response(streamCapped(body, MAX_SEGMENT_BYTES), {
    headers: { 'content-type': media, 'cache-control': 'private, max-age=30', ...SAFE },
  });
}

/** A short plain-text reason an upstream gave with its error (a generated stream says why it is not running). */
async function upstreamReason(res: UndiciResponse): Promise<string | null> {
  if (!res.body || !/^text\/plain/i.test(res.headers.get('content-type') ?? '')) {
    await res.body?.cancel();
    return null;
  }
  const body = res.body as unknown as ReadableStream<Uint8Array>;
  const bytes = await readStreamCapped(body, 4096, () => new AppError('PAYLOAD_TOO_LARGE', 'reason too long')).catch(() => new Uint8Array());
  const text = new TextDecoder().decode(bytes);
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 200);
  return line || null;
}
