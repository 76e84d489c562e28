import type { CameraVideoHealth } from '@/lib/domain/camera';

/** Video received within this window reads as online: a few playlist refreshes, longer than any segment. */
export const VIDEO_ONLINE_MS = 60_000;

/**
 * A camera's video health from what the server last saw (the managed restreamer or the HLS relay record frames and
 * failures: lib/video/video-health-store.ts). Computed on read, never a stored verdict that goes stale.
 */
export function videoHealth(
  row: { hasStream: boolean; lastFrameAt: Date | null; videoError: string | null; videoErrorAt: Date | null },
  now = Date.now(),
): CameraVideoHealth {
  const lastFrameAt = row.lastFrameAt?.toISOString() ?? null;
  if (!row.hasStream) return { state: 'none', lastFrameAt, error: null };
  const frame = row.lastFrameAt?.getTime() ?? -Infinity;
  const failed = row.videoErrorAt?.getTime() ?? -Infinity;
  if (failed > frame && now - failed < VIDEO_ONLINE_MS * 10) return { state: 'offline', lastFrameAt, error: row.videoError };
  if (now - frame < VIDEO_ONLINE_MS) return { state: 'online', lastFrameAt, error: null };
  return { state: 'idle', lastFrameAt, error: null };
}
