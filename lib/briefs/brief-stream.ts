import { audit } from '@/lib/audit/audit';
import type { Runtime } from '@/lib/platform/runtime';
import { AppError } from '@/lib/platform/errors/app-error';
import { selectCamera } from '@/lib/cameras/camera-sql';
import { upstreamUrlFor } from '@/lib/video/hls-urls';
import { relayHls } from '@/lib/video/relay-hls';
import { serveRestream } from '@/lib/video/restream/serve-restream';
import { briefActor, openBrief } from './open-brief';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** One audit row per brief and camera per this window, however often the player refreshes the playlist. */
const VIEW_AUDIT_WINDOW_MS = 5 * 60_000;
const KEY = Symbol.for('rtcc.briefVideoViews');

/**
 * Live video for a brief's holder: the token must be live (not revoked, expired or ended), and the camera must be
 * one that sees the brief's incident now (incident_camera, same agency), checked on every playlist and segment.
 * Views are audited per brief and camera (`video.view`, actor the unit), then relayed like the console's proxy.
 */
export async function briefStream(rt: Pick<Runtime, 'pool' | 'env'>, r: { token: string; cameraId: string; segments: readonly string[]; search: string; ip: string | null }): Promise<Response> {
  const b = await openBrief(rt.pool, r.token, r.ip);
  if (!UUID.test(r.cameraId)) throw new AppError('NOT_FOUND', 'No such camera');
  const sees = await rt.pool.query('SELECT 1 FROM incident_camera WHERE incident_id = $1 AND camera_id = $2', [b.incident_id, r.cameraId]);
  const camera = sees.rowCount ? await selectCamera(rt.pool, r.cameraId) : null;
  // A camera outside the brief's scope is "no such camera": the link reveals nothing else.
  if (!camera || camera.agencyId !== b.agency_id || (camera.kind !== 'hls' && camera.kind !== 'rtsp')) throw new AppError('NOT_FOUND', 'No such camera');
  // An rtsp camera plays through the app's restreamer (shared with the console's viewers) or its external one.
  const managed = camera.kind === 'rtsp' && !camera.restreamUrl;
  const hlsUrl = camera.kind === 'rtsp' ? camera.restreamUrl : camera.streamUrl;
  const upstream = hlsUrl ? upstreamUrlFor(hlsUrl, r.segments, r.search) : null;
  if (!managed && !upstream) throw new AppError('NOT_FOUND', 'Not a path of this camera’s stream');
  const isPlaylist = managed ? r.segments.join('/').endsWith('.m3u8') : /\.m3u8$/i.test(upstream!.pathname);
  if (isPlaylist) {
    const views = ((globalThis as { [KEY]?: Map<string, number> })[KEY] ??= new Map());
    const key = `${b.id}:${r.cameraId}`;
    const now = Date.now();
    if (now - (views.get(key) ?? 0) >= VIEW_AUDIT_WINDOW_MS) {
      await audit(rt.pool, {
        actorLabel: briefActor(b), agencyId: b.agency_id, action: 'video.view', targetType: 'camera', targetId: r.cameraId, ip: r.ip, outcome: 'allow',
        details: { mode: 'live', via: 'brief', briefId: b.id, incidentId: b.incident_id },
      });
      views.set(key, now);
      if (views.size > 10_000) for (const [k, at] of views) if (now - at >= VIEW_AUDIT_WINDOW_MS) views.delete(k);
    }
  }
  if (managed) return serveRestream(rt, r.cameraId, camera.streamUrl, r.segments, `brief:${b.id}`);
  return relayHls(rt, hlsUrl!, upstream!, `/api/briefs/${encodeURIComponent(r.token)}/cameras/${r.cameraId}/stream/`, isPlaylist);
}
