import { ENTRY_PLAYLIST } from '@/lib/domain/camera';
import { AppError } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { SEGMENT } from './ffmpeg-args';
import { restreamManager } from './restream-manager';

/** How long the first viewer's playlist request waits for the camera's first segment (connect + one segment). */
const FIRST_PLAYLIST_WAIT_MS = 12_000;
const SAFE = { 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; sandbox" } as const;

/**
 * A request of the camera proxy for an rtsp camera without an external restreamer (the caller has checked access
 * and audited the view): the playlist starts the camera's restream if needed and waits for its first segment; a
 * segment is read from the restream's directory. ffmpeg writes relative segment names, which resolve under the
 * same proxy path, so nothing is rewritten.
 */
export async function serveRestream(rt: Pick<Runtime, 'env' | 'pool'>, cameraId: string, streamUrl: string, segments: readonly string[], viewer: string): Promise<Response> {
  const file = segments.length === 1 ? segments[0]! : '';
  const manager = restreamManager(rt);
  if (file === ENTRY_PLAYLIST) {
    const r = manager.open(cameraId, streamUrl, viewer);
    try {
      await r.ready(FIRST_PLAYLIST_WAIT_MS);
    } catch (err) {
      throw new AppError('UNAVAILABLE', `No signal: ${(err as Error).message}`);
    }
    const text = await readSoon(() => r.playlistText());
    if (text === null) throw new AppError('UNAVAILABLE', 'No signal: the restream has no playlist yet');
    return new Response(text, { headers: { 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-store', ...SAFE } });
  }
  const r = manager.get(cameraId);
  if (!SEGMENT.test(file) || !r) throw new AppError('NOT_FOUND', 'Not a segment of this camera’s restream');
  r.touch(viewer);
  const body = await r.segment(file);
  if (!body) throw new AppError('NOT_FOUND', 'Segment gone (the playlist has moved on)');
  return new Response(body, { headers: { 'content-type': 'video/mp2t', 'cache-control': 'private, max-age=30', ...SAFE } });
}

/** The playlist is renamed into place just after ffmpeg says it writes it: give it a moment. */
async function readSoon(read: () => Promise<string | null>): Promise<string | null> {
  for (let i = 0; i < 20; i++) {
    const text = await read();
    if (text) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}
