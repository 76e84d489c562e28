'use client';

import type Hls from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import { publishDebug } from '@/components/live/debug-handle';
import { cameraPlaylistPath } from '@/lib/domain/camera';
import { clockOf, useCameraHealth } from './use-camera-health';

export type PlayerState = 'loading' | 'playing' | 'paused' | 'nosignal';

export interface HlsPlayerProps {
  cameraId: string;
  name: string;
  className?: string;
  /** Another playlist path than the console's camera proxy (a responder brief's token-scoped route). */
  src?: string;
}

/**
 * Live, not DVR: two segments behind the edge, little memory per tile (a wall shows 16). A tile that falls behind
 * (a stall on a busy machine) gets back to live two ways: `lowLatencyMode` with `maxLiveSyncPlaybackRate` plays up
 * to 1.5× while it is a little behind its target, and past `liveMaxLatencyDurationCount` segments hls.js jumps to
 * the live position. The jump was at 6 segments: in bench:video (16 tiles, one camera, 1 s segments) the players sat
 * near that bound, p50 5–6 s; at 3, p95 fell 1.1–1.7 s with half the stalls (back to back, load 26–33: README).
 * No blocking playlist reload (LL-HLS `_HLS_msn`) from our restreamer: tried, and 16 held playlist requests took the
 * browser's 6 HTTP/1.1 connections per origin from the segment downloads (that run: twice the stalls).
 */
export const HLS_CONFIG = {
  lowLatencyMode: true,
  maxLiveSyncPlaybackRate: 1.5,
  liveSyncDurationCount: 2,
  liveMaxLatencyDurationCount: 3,
  maxBufferLength: 6,
  maxMaxBufferLength: 10,
  backBufferLength: 0,
  enableWorker: true,
  manifestLoadingMaxRetry: 2,
  fragLoadingMaxRetry: 2,
} as const;
/**
 * After "No signal", try the camera again with a growing pause (1 s, 2 s, 4 s … 15 s): a blip recovers at once,
 * a dead camera costs one request every 15 s, and cameras come back without anyone reloading the wall.
 */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 15_000;
export const retryDelay = (failures: number) => Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1));

/**
 * A camera whose playlist stops growing (encoder hung, recorder frozen) raises no error in hls.js: the picture just
 * stops. A tile that has played and whose clock has not moved for this long is treated as lost and retried, so a
 * wall never shows a still frame as if it were live.
 */
export const FROZEN_MS = 10_000;
const WATCH_EVERY_MS = 1000;

/** Live/created hls.js instances of this page, published for the soak test (a count, nothing else). */
let hlsLive = 0;
let hlsCreated = 0;
function countHls(delta: 1 | -1): void {
  hlsLive += delta;
  if (delta > 0) hlsCreated++;
  publishDebug({ hlsLive, hlsCreated });
}

/**
 * The ONE owner of hls.js in the app. An instance exists only while the tile is visible (on screen and the tab
 * shown): leaving view destroys it, so hidden tiles neither download nor decode, and a wall left running for
 * days cannot accumulate players. Any fatal error shows "No signal" (never a broken page) and retries.
 */
export function HlsPlayer({ cameraId, name, className = '', src: srcOverride }: HlsPlayerProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [visible, setVisible] = useState(false);
  const [state, setState] = useState<PlayerState>('loading');
  const [attempt, setAttempt] = useState(0);
  /** What the server said when the stream failed (e.g. "the demo video needs ffmpeg"), shown under "No signal". */
  const [reason, setReason] = useState<string | null>(null);
  /** Failures in a row since the tile last played: sets the backoff. */
  const failures = useRef(0);
  const failedCamera = useRef(cameraId);

  // Visible = intersecting the viewport AND the document shown.
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    let onScreen = false;
    const update = () => setVisible(onScreen && document.visibilityState === 'visible');
    const io = new IntersectionObserver((entries) => {
      onScreen = entries.some((e) => e.isIntersecting);
      update();
    });
    io.observe(el);
    document.addEventListener('visibilitychange', update);
    return () => {
      io.disconnect();
      document.removeEventListener('visibilitychange', update);
    };
  }, []);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    if (!visible) return;
    const src = srcOverride ?? cameraPlaylistPath(cameraId);
    // Another camera in this tile starts with a clean slate: its predecessor's failures say nothing about it.
    if (failedCamera.current !== cameraId) failures.current = 0;
    failedCamera.current = cameraId;
    let hls: Hls | null = null;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const drop = () => {
      if (!hls) return;
      hls.destroy();
      hls = null;
      countHls(-1);
    };
    const noSignal = () => {
      if (cancelled) return;
      setState('nosignal');
      drop();
      void fetch(src, { cache: 'no-store' })
        .then(async (r) => (r.ok ? null : ((await r.json().catch(() => null)) as { error?: unknown } | null)))
        .then((b) => !cancelled && setReason(typeof b?.error === 'string' ? b.error : null))
        .catch(() => {});
      failures.current++;
      retry = setTimeout(() => setAttempt((a) => a + 1), retryDelay(failures.current));
    };
    let lastTime = -1;
    let lastMove = 0;
    let watch: ReturnType<typeof setInterval> | undefined;
    const onPlaying = () => {
      if (cancelled) return;
      setState('playing');
      setReason(null);
      const startedAt = video.currentTime;
      lastMove = Date.now();
      clearInterval(watch);
      watch = setInterval(() => {
        if (video.currentTime !== lastTime) {
          lastTime = video.currentTime;
          lastMove = Date.now();
          // Only a stream that keeps playing clears the backoff: a frozen one plays its last segments each retry.
          if (video.currentTime - startedAt > FROZEN_MS / 1000) failures.current = 0;
        } else if (Date.now() - lastMove > FROZEN_MS && !video.paused) {
          clearInterval(watch);
          noSignal();
        }
      }, WATCH_EVERY_MS);
    };
    video.addEventListener('playing', onPlaying);
    const play = () => void video.play().catch(() => {});

    void import('hls.js').then(({ default: HlsClass }) => {
      if (cancelled) return;
      if (!HlsClass.isSupported()) {
        // Safari/iPadOS play HLS natively; the proxy path works the same.
        if (!video.canPlayType('application/vnd.apple.mpegurl')) return noSignal();
        video.src = src;
        video.addEventListener('error', noSignal, { once: true });
        play();
        return;
      }
      const h = new HlsClass(HLS_CONFIG);
      hls = h;
      countHls(1);
      let mediaRecovered = false;
      h.on(HlsClass.Events.ERROR, (_e, data) => {
        if (!data.fatal) return;
        if (data.type === HlsClass.ErrorTypes.MEDIA_ERROR && !mediaRecovered) {
          mediaRecovered = true;
          h.recoverMediaError();
          return;
        }
        noSignal();
      });
      h.on(HlsClass.Events.MANIFEST_PARSED, play);
      h.loadSource(src);
      h.attachMedia(video);
    }, noSignal);

    return () => {
      cancelled = true;
      clearTimeout(retry);
      clearInterval(watch);
      video.removeEventListener('playing', onPlaying);
      video.removeEventListener('error', noSignal);
      drop();
      // Between retries the tile keeps saying "No signal" rather than flashing "Connecting…".
      setState(failures.current ? 'nosignal' : 'loading');
      // Release the decoder and the MediaSource now, not at garbage collection.
      video.removeAttribute('src');
      video.load();
    };
  }, [cameraId, visible, attempt, srcOverride]);

  const shown: PlayerState = visible ? state : 'paused';
  // A brief's player (srcOverride) has no console session: it shows no health.
  const health = useCameraHealth(cameraId, shown === 'nosignal' && !srcOverride, attempt);
  const lastFrame = clockOf(health?.lastFrameAt ?? null);
  return (
    <div
      ref={wrapRef}
      data-testid="hls-player"
      data-camera-id={cameraId}
      data-state={shown}
      className={`relative overflow-hidden bg-black ${className}`}
    >
      <video ref={videoRef} muted playsInline autoPlay aria-label={`Live video: ${name}`} className="size-full object-contain" />
      {shown !== 'playing' && (
        <div className="absolute inset-0 grid place-items-center text-center" aria-live="polite">
          {shown === 'nosignal' ? (
            <div>
              <p className="text-lg font-bold tracking-widest text-ink-muted uppercase">No signal</p>
              <p className="mt-1 px-2 text-xs text-ink-muted" data-testid="no-signal-reason">
                {reason ?? 'Lost or frozen'} · retrying automatically
              </p>
              {health && (
                <p className="mt-1 text-xs text-ink-muted" data-testid="last-frame">
                  {lastFrame ? `Last frame ${lastFrame}` : 'No frame received yet'}
                </p>
              )}
            </div>
          ) : (
            <p className="text-sm text-ink-muted">{shown === 'paused' ? 'Paused (not visible)' : 'Connecting…'}</p>
          )}
        </div>
      )}
      <p className="absolute top-0 left-0 max-w-full truncate bg-black/60 px-2 py-0.5 text-xs font-semibold">
        {shown === 'playing' && <span className="mr-1 text-emerald-400" aria-label="online">●</span>}
        {shown === 'nosignal' && <span className="mr-1 text-red-400" aria-label="offline">●</span>}
        {name}
      </p>
    </div>
  );
}
