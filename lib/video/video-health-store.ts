import type pg from 'pg';

/**
 * Video health as this node sees it, kept in memory for /metrics and written to the camera row (throttled) for the
 * admin list and the tiles: a frame received (a segment the restreamer wrote or the relay passed on) or a failure
 * with its reason. Nothing is probed: a camera nobody watches costs nothing and reads `idle` (video-health.ts).
 */
const WRITE_EVERY_MS = 15_000;

interface Seen {
  lastFrameAt: number | null;
  error: string | null;
  errorAt: number | null;
  frameWritten: number;
  errorWritten: number;
}

const KEY = Symbol.for('rtcc.videoHealth');
export function seenVideo(): Map<string, Seen> {
  const g = globalThis as { [KEY]?: Map<string, Seen> };
  return (g[KEY] ??= new Map());
}

function entry(cameraId: string): Seen {
  const all = seenVideo();
  let s = all.get(cameraId);
  if (!s) {
    s = { lastFrameAt: null, error: null, errorAt: null, frameWritten: 0, errorWritten: 0 };
    all.set(cameraId, s);
  }
  return s;
}

const quietly = (p: Promise<unknown>) => void p.catch(() => {});

export function noteFrame(pool: pg.Pool, cameraId: string, now = Date.now()): void {
  const s = entry(cameraId);
  const recovered = s.error !== null;
  s.lastFrameAt = now;
  s.error = null;
  s.errorAt = null;
  if (!recovered && now - s.frameWritten < WRITE_EVERY_MS) return;
  s.frameWritten = now;
  quietly(pool.query('UPDATE camera SET last_frame_at = $2, video_error = NULL, video_error_at = NULL WHERE id = $1', [cameraId, new Date(now)]));
}

export function noteFailure(pool: pg.Pool, cameraId: string, reason: string, now = Date.now()): void {
  const s = entry(cameraId);
  const changed = s.error !== reason;
  s.error = reason;
  s.errorAt = now;
  if (!changed && now - s.errorWritten < WRITE_EVERY_MS) return;
  s.errorWritten = now;
  quietly(pool.query('UPDATE camera SET video_error = $2, video_error_at = $3 WHERE id = $1', [cameraId, reason.slice(0, 500), new Date(now)]));
}
