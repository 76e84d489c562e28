import { z } from 'zod';
import { ZLatitude, ZLongitude } from './event';

/** How the browser plays a camera: an HLS playlist through hls.js, or a still JPEG refreshed on a timer. */
export const CAMERA_STREAM_KINDS = ['hls', 'jpeg'] as const;
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
  // Only http(s): the browser fetches through our proxy, and rtsp:// or file:// must never get that far.
  streamUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
  owner: ZCameraOwner,
});
export type CameraSeed = z.infer<typeof ZCameraSeed>;

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
});
export type CameraDto = z.infer<typeof ZCameraDto>;

/** Same-origin path the player loads: the proxy checks access and audits the view. */
export const cameraPlaylistPath = (cameraId: string) => `/api/cameras/${encodeURIComponent(cameraId)}/stream/${ENTRY_PLAYLIST}`;

/** The proxy path segment that stands for the camera's own stream URL (other segments resolve relative to it). */
export const ENTRY_PLAYLIST = '_live.m3u8';
