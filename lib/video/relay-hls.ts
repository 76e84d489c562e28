import { readCapped, streamCapped } from '../platform/http/capped-body';
import { AppError } from '@/lib/platform/errors/app-error';
import { rewritePlaylist } from './hls-urls';

export const UPSTREAM_TIMEOUT_MS = 8000;
export const MAX_PLAYLIST_BYTES = 512 * 1024;
export const MAX_SEGMENT_BYTES = 32 * 1024 * 1024;

/**
 * Fetch one upstream HLS playlist or segment for a same-origin proxy (the caller has checked access and audited
 * the view): http(s) on the stream's own origin only, a timeout and a size cap, playlist URIs rewritten to
 * `prefix` (the console's camera proxy, or a responder brief's). Shared so every way to live video relays alike.
 */
export async function relayHls(streamUrl: string, upstream: URL, prefix: string, isPlaylist: boolean): Promise<Response> {
  let res: Response;
  try {
    // No redirects: a 3xx to another host would step around the same-origin rule.
    res = await fetch(upstream, { signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS), redirect: 'error', cache: 'no-store' });
  } catch {
    throw new AppError('UNAVAILABLE', 'No signal: the camera did not answer');
  }
  if (!res.ok || !res.body) {
    const why = await upstreamReason(res);
    throw new AppError(res.status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE', `No signal: the camera answered ${res.status}${why ? ` (${why})` : ''}`);
  }
  const type = res.headers.get('content-type') ?? '';
  if (isPlaylist || /mpegurl/i.test(type)) {
    const text = await readCapped(res, MAX_PLAYLIST_BYTES);
    const body = rewritePlaylist(text, new URL(res.url || upstream.href), new URL(streamUrl), prefix);
    return new Response(body, { headers: { 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-store' } });
  }
  const len = Number(res.headers.get('content-length') ?? '0');
  if (len > MAX_SEGMENT_BYTES) {
    await res.body.cancel();
    throw new AppError('PAYLOAD_TOO_LARGE', 'Upstream segment too large');
  }
  return new Response(streamCapped(res.body, MAX_SEGMENT_BYTES), {
    headers: { 'content-type': type || 'application/octet-stream', 'cache-control': 'private, max-age=30' },
  });
}

/** A short plain-text reason an upstream gave with its error (a generated stream says why it is not running). */
async function upstreamReason(res: Response): Promise<string | null> {
  if (!res.body || !/^text\/plain/i.test(res.headers.get('content-type') ?? '')) {
    await res.body?.cancel();
    return null;
  }
  const text = await readCapped(res, 4096).catch(() => '');
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 200);
  return line || null;
}
