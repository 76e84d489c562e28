import { readStreamCapped } from '@/lib/platform/http/read-body';
import { outboundFetch, OutboundRefused } from '@/lib/platform/outbound/outbound-fetch';
import type { Runtime } from '@/lib/platform/runtime';
import { AppError } from '@/lib/platform/errors/app-error';
import { parsePlaylist, type HlsPart, type Playlist } from './hls-playlist';

/**
 * The clip recorder's network side. Every address a playlist names (variant, init section, segments) goes through
 * the outbound-address policy, like the camera's own: only http(s), no private, loopback or link-local address
 * unless allow-listed, no redirects.
 */

const FETCH_TIMEOUT_MS = 15_000;
const MAX_PLAYLIST_BYTES = 512 * 1024;

type Outbound = Pick<Runtime, 'env'>;

async function open(rt: Outbound, url: string, headers: Record<string, string> = {}) {
  const u = new URL(url);
  let res;
  try {
    res = await outboundFetch(rt, u, { headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (err) {
    if (err instanceof OutboundRefused) throw new AppError('BAD_REQUEST', `Camera playlist refused: ${err.message}`, [{ path: 'cameraId', message: err.message }]);
    throw new AppError('UNAVAILABLE', `Camera stream did not answer for ${u.pathname}`);
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new AppError('UNAVAILABLE', `Camera stream answered ${res.status} for ${u.pathname}`);
  }
  return { res, path: u.pathname, body: res.body as unknown as ReadableStream<Uint8Array> };
}

/** The playlist at `url`, following a master playlist to its first variant (one level, as players do). */
export async function readPlaylist(rt: Outbound, url: string): Promise<Extract<Playlist, { kind: 'media' }>> {
  for (let hop = 0; ; hop++) {
    const { body } = await open(rt, url);
    const text = new TextDecoder().decode(await readStreamCapped(body, MAX_PLAYLIST_BYTES, () => new AppError('UNAVAILABLE', 'Camera playlist too large')));
    let pl: Playlist;
    try {
      pl = parsePlaylist(text, url, Date.now());
    } catch {
      throw new AppError('UNAVAILABLE', `Camera stream answered something that is not an HLS playlist for ${new URL(url).pathname}`);
    }
    if (pl.kind === 'media') return pl;
    if (hop > 0) throw new AppError('UNAVAILABLE', 'Camera master playlist points to another master playlist');
    url = pl.variant;
  }
}

/** The offset a 206 answer starts at (`Content-Range: bytes 800-4799/12000`), or null when it has none. */
function rangeStart(res: Response | { headers: Headers }): number | null {
  const m = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * The bytes of one part: the whole resource, or exactly its byte range. A server that answers a Range request with
 * the whole file (200) is read past the offset and cut at the length; one that answers a different range, or ends
 * before the range does, fails the clip rather than storing bytes that are not the segment.
 */
export async function* partBytes(rt: Outbound, part: HlsPart): AsyncGenerator<Uint8Array> {
  const r = part.range;
  const { res, path, body } = await open(rt, part.uri, r ? { range: `bytes=${r.offset}-${r.offset + r.length - 1}` } : {});
  const reader = body.getReader();
  try {
    if (!r) {
      for (let c = await reader.read(); !c.done; c = await reader.read()) yield c.value;
      return;
    }
    let skip = 0;
    if (res.status === 206) {
      if (rangeStart(res as unknown as Response) !== r.offset) throw new AppError('UNAVAILABLE', `Camera stream answered the wrong byte range for ${path}`);
    } else {
      skip = r.offset; // 200: the whole file
    }
    let left = r.length;
    for (let c = await reader.read(); !c.done && left > 0; c = await reader.read()) {
      let chunk = c.value;
      if (skip > 0) {
        const n = Math.min(skip, chunk.byteLength);
        skip -= n;
        chunk = chunk.subarray(n);
      }
      if (!chunk.byteLength) continue;
      if (chunk.byteLength > left) chunk = chunk.subarray(0, left);
      left -= chunk.byteLength;
      yield chunk;
    }
    if (left > 0) throw new AppError('UNAVAILABLE', `Camera stream ended ${left} bytes before the end of a byte range of ${path}`);
  } finally {
    await reader.cancel().catch(() => {});
  }
}
