import { ENTRY_PLAYLIST } from '@/lib/domain/camera';

/**
 * Mapping between upstream HLS URLs and same-origin proxy paths, both ways. Pure, so it is unit-tested alone.
 *
 * Proxy path segments after `/api/cameras/<id>/stream/`:
 *   `_live.m3u8`   the camera's stream URL itself;
 *   `_/<path>`     a path on the stream's origin outside the stream's directory;
 *   `<path>`       relative to the stream URL's directory (the common case: chunklists, segments, keys).
 * Only the stream URL's own origin is ever fetched: a playlist cannot send the server anywhere else (SSRF).
 */

const OUTSIDE = '_';
/** Where a URI the proxy will not follow (another origin, a non-http scheme) is pointed: it 404s. */
const BLOCKED = '_blocked';

export function isHttpUrl(u: URL): boolean {
  return u.protocol === 'http:' || u.protocol === 'https:';
}

function dirOf(streamUrl: URL): string {
  return streamUrl.pathname.slice(0, streamUrl.pathname.lastIndexOf('/') + 1);
}

/** The upstream URL for a proxy request, or null when the path is not one the proxy serves. */
export function upstreamUrlFor(streamUrl: string, segments: readonly string[], search: string): URL | null {
  const base = new URL(streamUrl);
  if (!isHttpUrl(base) || !segments.length) return null;
  if (segments.length === 1 && segments[0] === ENTRY_PLAYLIST) return base;
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\\'))) return null;
  const outside = segments[0] === OUTSIDE;
  const rest = (outside ? segments.slice(1) : segments).map(encodeURIComponent).join('/');
  if (!rest || segments[0] === BLOCKED) return null;
  const url = new URL((outside ? '/' : dirOf(base)) + rest, base.origin);
  url.search = search;
  return url.origin === base.origin ? url : null;
}

/** The proxy path for a URI found in a playlist fetched from `playlistUrl`. */
export function proxyPathFor(uri: string, playlistUrl: URL, streamUrl: URL, prefix: string): string {
  let abs: URL;
  try {
    abs = new URL(uri, playlistUrl);
  } catch {
    return prefix + BLOCKED;
  }
  if (!isHttpUrl(abs) || abs.origin !== streamUrl.origin) return prefix + BLOCKED;
  if (abs.href === streamUrl.href) return prefix + ENTRY_PLAYLIST;
  const dir = dirOf(streamUrl);
  const path = abs.pathname.startsWith(dir) ? abs.pathname.slice(dir.length) : `${OUTSIDE}/${abs.pathname.slice(1)}`;
  return prefix + path + abs.search;
}

/** Rewrite every URI of a playlist (media lines and `URI="…"` attributes of tags) to proxy paths. */
export function rewritePlaylist(text: string, playlistUrl: URL, streamUrl: URL, prefix: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const t = line.trim();
      if (!t) return line;
      if (!t.startsWith('#')) return proxyPathFor(t, playlistUrl, streamUrl, prefix);
      return line.replace(/URI="([^"]*)"/g, (_m, uri: string) => `URI="${proxyPathFor(uri, playlistUrl, streamUrl, prefix)}"`);
    })
    .join('\n');
}
