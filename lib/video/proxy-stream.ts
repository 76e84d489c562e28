import 'server-only';
import type pg from 'pg';
import { auditVideoView } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/platform/errors/app-error';
import { decide } from '@/lib/policy/require-user';
import type { Runtime } from '@/lib/platform/runtime';
import { selectCamera, type CameraRecord } from '../cameras/camera-sql';
import { upstreamUrlFor } from './hls-urls';
import { relayHls } from './relay-hls';
import { serveRestream } from './restream/serve-restream';
import { noteFailure, noteFrame } from './video-health-store';

export { MAX_PLAYLIST_BYTES, MAX_SEGMENT_BYTES, UPSTREAM_TIMEOUT_MS } from './relay-hls';
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
export async function proxyStream(rt: Pick<Runtime, 'pool' | 'videoViews' | 'env'>, r: ProxyRequest): Promise<Response> {
  if (!UUID.test(r.cameraId)) throw new AppError('NOT_FOUND', 'No such camera');
  const camera = await cameraFor(rt.pool, r.cameraId);
  if (!camera) throw new AppError('NOT_FOUND', 'No such camera');
  await decide(rt.pool, r.user, 'video.live', { agencyId: camera.agencyId }, r.ip);
  if (camera.kind === 'rtsp' && !camera.restreamUrl) {
    // The app's own restreamer: one ffmpeg per camera, whatever number of viewers (lib/video/restream/).
    await auditFirstView(rt, r, camera.agencyId);
    return serveRestream(rt, r.cameraId, camera.streamUrl, r.segments, r.user.id);
  }
  // An external restreamer (MediaMTX, go2rtc) serves an rtsp camera as HLS: relayed like any HLS camera.
  if (camera.kind !== 'hls' && camera.kind !== 'rtsp') throw new AppError('NOT_FOUND', 'This camera has no HLS stream');
  const hlsUrl = camera.kind === 'rtsp' ? camera.restreamUrl! : camera.streamUrl;
  const upstream = upstreamUrlFor(hlsUrl, r.segments, r.search);
  if (!upstream) throw new AppError('NOT_FOUND', 'Not a path of this camera’s stream');
  const isPlaylist = /\.m3u8$/i.test(upstream.pathname);
  // A path outside the stream's directory is no part of watching it: each one is its own audit row, with the path.
  if (r.segments[0] === OUTSIDE_PREFIX) await auditView(rt, r, camera.agencyId, 'outside the stream');
  else await auditFirstView(rt, r, camera.agencyId);
  return relayHls(rt, hlsUrl, upstream, `/api/cameras/${r.cameraId}/stream/`, isPlaylist).then(
    (res) => {
      if (!isPlaylist) noteFrame(rt.pool as pg.Pool, r.cameraId);
      return res;
    },
    (err: unknown) => {
      if (err instanceof AppError && err.code === 'UNAVAILABLE') noteFailure(rt.pool as pg.Pool, r.cameraId, err.message.replace(/^No signal: /, ''));
      throw err;
    },
  );
}

/**
 * Every tile asks for a playlist each second and a segment each second: 16 viewers of one camera would read its
 * row 32 times a second. The row (agency, stream) is kept for a second, so an edit or a move to another agency takes
 * effect within one refresh; the viewer's own access is still decided on every request.
 */
const CAMERA_TTL_MS = 1000;
const CAMERAS = Symbol.for('rtcc.proxyCameras');
async function cameraFor(pool: pg.Pool, id: string): Promise<CameraRecord | null> {
  const cache = ((globalThis as { [CAMERAS]?: Map<string, { at: number; rec: Promise<CameraRecord | null> }> })[CAMERAS] ??= new Map());
  const now = Date.now();
  const hit = cache.get(id);
  if (hit && now - hit.at < CAMERA_TTL_MS) return hit.rec;
  const rec = selectCamera(pool, id);
  cache.set(id, { at: now, rec });
  rec.catch(() => cache.delete(id));
  if (cache.size > 5000) for (const [k, v] of cache) if (now - v.at >= CAMERA_TTL_MS) cache.delete(k);
  return rec;
}

/** Proxy paths under `_/` address the stream's origin outside its directory (hls-urls.ts). */
const OUTSIDE_PREFIX = '_';

function auditView(rt: Pick<Runtime, 'pool'>, r: ProxyRequest, agencyId: string, scope: string): Promise<unknown> {
  return auditVideoView(rt.pool as pg.Pool, { user: r.user, ip: r.ip, cameraId: r.cameraId, mode: 'live', agencyId, details: { path: r.segments.join('/'), scope } });
}

/**
 * One row per user and camera per window, opened by whatever is fetched first (playlist or segment): a player
 * that skips the playlist and reads segments is still recorded.
 */
async function auditFirstView(rt: Pick<Runtime, 'pool' | 'videoViews'>, r: ProxyRequest, agencyId: string): Promise<void> {
  const views = (rt.videoViews ??= new Map());
  const key = `${r.user.id}:${r.cameraId}`;
  const now = Date.now();
  if (now - (views.get(key) ?? 0) < VIEW_AUDIT_WINDOW_MS) return;
  // Awaited: a view whose audit row cannot be written is refused (lib/audit/record.ts).
  await auditView(rt, r, agencyId, 'stream');
  views.set(key, now);
  if (views.size > 10_000) for (const [k, at] of views) if (now - at >= VIEW_AUDIT_WINDOW_MS) views.delete(k);
}
