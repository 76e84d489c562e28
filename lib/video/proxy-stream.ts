import 'server-only';
import type pg from 'pg';
import { auditVideoView } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/platform/errors/app-error';
import { decide } from '@/lib/policy/require-user';
import type { Runtime } from '@/lib/platform/runtime';
import { selectCamera } from '../cameras/camera-sql';
import { rewritePlaylist, upstreamUrlFor } from './hls-urls';
import { readCapped, streamCapped } from '../platform/http/capped-body';

export const UPSTREAM_TIMEOUT_MS = 8000;
export const MAX_PLAYLIST_BYTES = 512 * 1024;
export const MAX_SEGMENT_BYTES = 32 * 1024 * 1024;
/** One audit row per user and camera per this window, however often the player refreshes the playlist. */
const VIEW_AUDIT_WINDOW_MS = 5 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ProxyRequest {
  user: SessionUser;
  ip: string | null;
  cameraId: string;
  segments: readonly string[];
  search: string;
}

/**
 * One request of the same-origin HLS proxy: checks the viewer may watch this camera (own agency, or a share
 * granting `live`), records the view, fetches the upstream playlist or segment (http(s), the stream's own
 * origin only, with a timeout and a size cap) and rewrites playlist URIs back to the proxy.
 */
export async function proxyStream(rt: Pick<Runtime, 'pool' | 'videoViews'>, r: ProxyRequest): Promise<Response> {
  if (!UUID.test(r.cameraId)) throw new AppError('NOT_FOUND', 'No such camera');
  const camera = await selectCamera(rt.pool, r.cameraId);
  if (!camera) throw new AppError('NOT_FOUND', 'No such camera');
  await decide(rt.pool, r.user, 'video.live', { agencyId: camera.agencyId }, r.ip);
  if (camera.dto.streamKind !== 'hls') throw new AppError('NOT_FOUND', 'This camera has no HLS stream');
  const upstream = upstreamUrlFor(camera.streamUrl, r.segments, r.search);
  if (!upstream) throw new AppError('NOT_FOUND', 'Not a path of this camera’s stream');
  const isPlaylist = /\.m3u8$/i.test(upstream.pathname);
  if (isPlaylist) await auditFirstView(rt, r, camera.agencyId);

  let res: Response;
  try {
    // No redirects: a 3xx to another host would step around the same-origin rule.
    res = await fetch(upstream, { signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS), redirect: 'error', cache: 'no-store' });
  } catch {
    throw new AppError('UNAVAILABLE', 'No signal: the camera did not answer');
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new AppError(res.status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE', `No signal: the camera answered ${res.status}`);
  }
  const type = res.headers.get('content-type') ?? '';
  if (isPlaylist || /mpegurl/i.test(type)) {
    const text = await readCapped(res, MAX_PLAYLIST_BYTES);
    const prefix = `/api/cameras/${r.cameraId}/stream/`;
    const body = rewritePlaylist(text, new URL(res.url || upstream.href), new URL(camera.streamUrl), prefix);
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

async function auditFirstView(rt: Pick<Runtime, 'pool' | 'videoViews'>, r: ProxyRequest, agencyId: string): Promise<void> {
  const views = (rt.videoViews ??= new Map());
  const key = `${r.user.id}:${r.cameraId}`;
  const now = Date.now();
  if (now - (views.get(key) ?? 0) < VIEW_AUDIT_WINDOW_MS) return;
  // Awaited: a view whose audit row cannot be written is refused (lib/audit/record.ts).
  await auditVideoView(rt.pool as pg.Pool, { user: r.user, ip: r.ip, cameraId: r.cameraId, mode: 'live', agencyId, details: { path: r.segments.join('/') } });
  views.set(key, now);
  if (views.size > 10_000) for (const [k, at] of views) if (now - at >= VIEW_AUDIT_WINDOW_MS) views.delete(k);
}
