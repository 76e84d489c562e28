import { z } from 'zod';
import { ZLatitude, ZLongitude } from './event';

/**
 * What a camera's stream URL is: an HLS playlist (played through the proxy), a still JPEG refreshed on a timer, or
 * an RTSP stream, which browsers cannot play: the server restreams it as HLS (lib/video/restream/), or an external
 * restreamer (MediaMTX, go2rtc) does and the camera's `restreamUrl` is its HLS.
 */
export const CAMERA_STREAM_KINDS = ['hls', 'jpeg', 'rtsp'] as const;
export const ZCameraStreamKind = z.enum(CAMERA_STREAM_KINDS);
export type CameraStreamKind = z.infer<typeof ZCameraStreamKind>;

/**
 * Who operates the camera; decides whose policy governs access and retention. `private` is a registration through
 * the public community form; `community` / `business` / `school` come from an agency's own camera lists.
 */
export const CAMERA_OWNERS = ['city', 'partner', 'private', 'community', 'business', 'school'] as const;
export const ZCameraOwner = z.enum(CAMERA_OWNERS);
export type CameraOwner = z.infer<typeof ZCameraOwner>;

/**
 * http(s) for HLS and stills, rtsp(s) for cameras the server restreams; never file:, data: or anything else. The
 * server connects to any of them only through the outbound-address policy (lib/platform/outbound).
 */
export const ZCameraStreamUrl = z.url({ protocol: /^(https?|rtsps?)$/ }).max(2000);
/** An external restreamer's HLS playlist for an rtsp camera (MediaMTX: http://mediamtx:8888/<path>/index.m3u8). */
export const ZRestreamUrl = z.url({ protocol: /^https?$/ }).max(2000);
export const isRtspUrl = (url: string) => /^rtsps?:\/\//i.test(url);

/** A URL fit for logs and audit rows: an RTSP camera's URL often carries its user and password. */
export function withoutCredentials(url: string | null): string | null {
  if (!url) return url;
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/**
 * A camera as seeded from a public list. `externalId` is stable across re-imports (derived from the stream
 * URL, not the list position), so seeding twice updates instead of duplicating.
 */
export const ZCameraSeed = z.strictObject({
  externalId: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(300),
  lat: ZLatitude,
  lon: ZLongitude,
  /** Degrees clockwise from true north the camera looks toward; null when the source does not say. */
  heading: z.number().min(0).lt(360).nullable(),
  fovDeg: z.number().gt(0).max(360),
  rangeM: z.number().positive().max(10_000),
  ptz: z.boolean(),
  /** null with streamUrl: a location-only camera, its stream added later. */
  streamKind: ZCameraStreamKind.nullable(),
  streamUrl: ZCameraStreamUrl.nullable(),
  owner: ZCameraOwner,
  /** An rtsp camera's HLS from an external restreamer; absent: left as stored (null: the app's own restreamer). */
  restreamUrl: ZRestreamUrl.nullable().optional(),
});
export type CameraSeed = z.infer<typeof ZCameraSeed>;

/**
 * Video health: `online` while the server received video in the last minute, `offline` when its last attempt
 * failed (with why), `idle` when nobody has watched lately (an on-demand restream is not running: that costs nothing
 * and proves nothing), `none` for a camera without a stream.
 */
export const CAMERA_VIDEO_STATES = ['online', 'offline', 'idle', 'none'] as const;
export const ZCameraVideoHealth = z.object({
  state: z.enum(CAMERA_VIDEO_STATES),
  lastFrameAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type CameraVideoHealth = z.infer<typeof ZCameraVideoHealth>;

/** What browsers receive for a camera (`GET /api/cameras`): never the upstream URL, which may carry credentials. */
export const ZCameraDto = z.object({
  id: z.string(),
  name: z.string(),
  lat: z.number(),
  lon: z.number(),
  heading: z.number().nullable(),
  fovDeg: z.number(),
  rangeM: z.number(),
  ptz: z.boolean(),
  status: z.string(),
  /** `none`: a location-only camera whose stream is not configured yet (nothing to play). */
  streamKind: z.enum([...CAMERA_STREAM_KINDS, 'none']),
  /** Video health as the server last saw it (camera-health.ts); absent where the list does not carry it. */
  video: ZCameraVideoHealth.optional(),
});
export type CameraDto = z.infer<typeof ZCameraDto>;

/** Same-origin path the player loads: the proxy checks access and audits the view. */
export const cameraPlaylistPath = (cameraId: string) => `/api/cameras/${encodeURIComponent(cameraId)}/stream/${ENTRY_PLAYLIST}`;

/** The proxy path segment that stands for the camera's own stream URL (other segments resolve relative to it). */
export const ENTRY_PLAYLIST = '_live.m3u8';

