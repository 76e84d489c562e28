import { Counter } from 'prom-client';
import type { Metrics } from '@/lib/platform/metrics';
import type { Runtime } from '@/lib/platform/runtime';
import { VIDEO_ONLINE_MS } from '@/lib/cameras/video-health';
import { restreamManager } from './restream/restream-manager';
import { seenVideo } from './video-health-store';

/**
 * Video figures in this node's /metrics: the managed restreamer (processes, restreams by state, viewers, starts and
 * restarts) and per camera the video health this node has seen (online 1/0, last frame time). Cameras nobody has
 * watched since the node started are not listed: nothing probes them.
 */
export function registerVideoMetrics(metrics: Metrics, rt: Pick<Runtime, 'env' | 'pool'>): void {
  const restreams = () => restreamManager(rt).stats();
  metrics.gauge('rtcc_restream_processes', 'ffmpeg restream processes running (one camera connection each)', () => restreams().processes);
  metrics.gauge('rtcc_restream_cameras', 'Managed restreams by state (starting, live, retrying after a failure, stopped)', () => restreams().states, 'state');
  metrics.gauge('rtcc_restream_viewers', 'Distinct viewers of managed restreams in the last 10 s', () => restreams().viewers);
  counter(metrics, 'rtcc_restream_starts_total', 'ffmpeg restream processes started', () => restreams().starts);
  counter(metrics, 'rtcc_restream_restarts_total', 'ffmpeg restream processes that died (camera gone, stalled, refused) and were retried with back-off', () => restreams().restarts);
  metrics.gauge('rtcc_camera_video_online', 'Per camera: 1 when this node received its video in the last minute, else 0', () => {
    const now = Date.now();
    return new Map([...seenVideo()].map(([id, s]) => [id, s.lastFrameAt !== null && now - s.lastFrameAt < VIDEO_ONLINE_MS && !s.error ? 1 : 0]));
  }, 'camera');
  metrics.gauge('rtcc_camera_last_frame_timestamp_seconds', 'Per camera: when this node last received video (Unix time)', () =>
    new Map([...seenVideo()].flatMap(([id, s]) => (s.lastFrameAt === null ? [] : [[id, s.lastFrameAt / 1000] as [string, number]]))), 'camera');
}

/** A counter whose total is owned elsewhere (read at scrape time; it only grows). */
function counter(metrics: Metrics, name: string, help: string, total: () => number): void {
  const c: Counter = new Counter({
    name, help, registers: [metrics.registry],
    collect() {
      c.reset();
      c.inc(total());
    },
  });
}
