import { z } from 'zod';
import { isRtspUrl, ZCameraOwner, ZCameraStreamKind, ZCameraStreamUrl, ZRestreamUrl, type CameraSeed } from '@/lib/domain/camera';
import { ZLatitude, ZLongitude } from '@/lib/domain/event';
import { badField, badPayload, blankToUndefined } from './adapter-error';

/**
 * Camera registry: the cameras a source (a city VMS, a partner agency, a community programme) offers, by API
 * (`{ cameras: [...] }`) or CSV import, upserted by (agency, externalId); and their status heartbeats.
 * A camera that has not sent a heartbeat for 5 minutes reads as offline: computed on read, never a stored lie.
 */

export const HEARTBEAT_TIMEOUT_MS = 5 * 60_000;
export const CAMERA_STATUSES = ['online', 'degraded', 'offline'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number] | 'unknown';

// http(s) or rtsp(s): browsers reach every stream through our proxy, and file:, data: or others never get that far.
const ZStreamUrl = ZCameraStreamUrl;

export const ZCameraRegistration = z.strictObject({
  externalId: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(300),
  lat: ZLatitude,
  lon: ZLongitude,
  heading: z.number().min(0).lt(360).nullable().default(null),
  fovDeg: z.number().gt(0).max(360).default(60),
  rangeM: z.number().positive().max(10_000).default(150),
  ptz: z.boolean().default(false),
  /** Absent or null: a location-only camera (community and business lists rarely have streams); added later. */
  streamUrl: ZStreamUrl.nullable().default(null),
  /** Default: `rtsp` for an rtsp(s) URL, `hls` for a .m3u8 URL, else `jpeg`. */
  streamKind: ZCameraStreamKind.optional(),
  owner: ZCameraOwner.default('city'),
  /** An rtsp camera's HLS from an external restreamer (MediaMTX, go2rtc); null: the app restreams it itself. */
  restreamUrl: ZRestreamUrl.nullable().optional(),
}).superRefine(checkStreamKind);

/** rtsp URLs are the `rtsp` kind and nothing else is; only an rtsp camera has a restreamer. */
function checkStreamKind(c: { streamUrl: string | null; streamKind?: string; restreamUrl?: string | null }, ctx: z.RefinementCtx): void {
  const rtsp = !!c.streamUrl && isRtspUrl(c.streamUrl);
  if (c.streamUrl && c.streamKind && (c.streamKind === 'rtsp') !== rtsp) {
    ctx.addIssue({ code: 'custom', path: ['streamKind'], message: rtsp ? 'an rtsp:// URL is the rtsp kind' : 'the rtsp kind needs an rtsp:// URL' });
  }
  if (c.restreamUrl && !rtsp) ctx.addIssue({ code: 'custom', path: ['restreamUrl'], message: 'only an rtsp camera has a restreamer' });
}

export const ZCameraBatch = z.strictObject({ cameras: z.array(ZCameraRegistration).min(1).max(1000) });

export const ZHeartbeatBatch = z.strictObject({
  heartbeats: z
    .array(z.strictObject({ externalId: z.string().trim().min(1).max(200), status: z.enum(CAMERA_STATUSES).default('online') }))
    .min(1)
    .max(5000),
});
export type Heartbeat = z.infer<typeof ZHeartbeatBatch>['heartbeats'][number];

/** The stream kind a registration leaves out, from its URL: a .m3u8 playlist plays as HLS, anything else as a still. */
export function withKind(c: z.infer<typeof ZCameraRegistration>): CameraSeed {
  if (!c.streamUrl) return { ...c, streamUrl: null, streamKind: null };
  if (isRtspUrl(c.streamUrl)) return { ...c, streamKind: 'rtsp' };
  const isHls = new URL(c.streamUrl).pathname.toLowerCase().endsWith('.m3u8');
  return { ...c, streamKind: c.streamKind ?? (isHls ? 'hls' : 'jpeg') };
}

export function adaptCameraBatch(body: unknown): CameraSeed[] {
  const parsed = ZCameraBatch.safeParse(body);
  if (!parsed.success) throw badPayload(parsed.error, 'camera batch');
  const seen = new Set<string>();
  parsed.data.cameras.forEach((c, i) => {
    if (seen.has(c.externalId)) throw badField(`cameras[${i}].externalId`, `"${c.externalId}" appears twice in the batch`);
    seen.add(c.externalId);
  });
  return parsed.data.cameras.map(withKind);
}

export function adaptHeartbeats(body: unknown): Heartbeat[] {
  const parsed = ZHeartbeatBatch.safeParse(body);
  if (!parsed.success) throw badPayload(parsed.error, 'heartbeat batch');
  return parsed.data.heartbeats;
}

const num = (schema: z.ZodNumber) => z.preprocess(blankToUndefined, z.coerce.number().pipe(schema).optional());
const bool = z.preprocess(
  blankToUndefined,
  z.enum(['true', 'false', '1', '0', 'yes', 'no', 'TRUE', 'FALSE']).transform((v) => ['true', '1', 'yes', 'TRUE'].includes(v)).optional(),
);

/** One CSV record (header: external_id,name,lat,lon,heading,fov_deg,range_m,ptz,stream_url,stream_kind,owner[,restream_url]). */
export const ZCameraCsvRow = z
  .object({
    external_id: z.string().min(1).max(200),
    name: z.string().min(1).max(300),
    lat: z.coerce.number().pipe(ZLatitude),
    lon: z.coerce.number().pipe(ZLongitude),
    heading: num(z.number().min(0).lt(360)),
    fov_deg: num(z.number().gt(0).max(360)),
    range_m: num(z.number().positive().max(10_000)),
    ptz: bool,
    stream_url: z.preprocess(blankToUndefined, ZStreamUrl.optional()),
    stream_kind: z.preprocess(blankToUndefined, ZCameraStreamKind.optional()),
    owner: z.preprocess(blankToUndefined, ZCameraOwner.default('city')),
    restream_url: z.preprocess(blankToUndefined, ZRestreamUrl.optional()),
  })
  .superRefine((r, ctx) => checkStreamKind({ streamUrl: r.stream_url ?? null, streamKind: r.stream_kind, restreamUrl: r.restream_url }, ctx))
  .transform((r) =>
    withKind({
      externalId: r.external_id,
      name: r.name,
      lat: r.lat,
      lon: r.lon,
      heading: r.heading ?? null,
      fovDeg: r.fov_deg ?? 60,
      rangeM: r.range_m ?? 150,
      ptz: r.ptz ?? false,
      streamUrl: r.stream_url ?? null,
      streamKind: r.stream_kind,
      owner: r.owner,
      restreamUrl: r.restream_url,
    }),
  );

/** What the console shows: a reported status while heartbeats arrive, `offline` once they stop for 5 minutes. */
export function cameraStatus(row: { status: string; lastSeenAt: Date | string | null }, now: Date = new Date()): CameraStatus {
  if (row.lastSeenAt === null) return (CAMERA_STATUSES as readonly string[]).includes(row.status) ? (row.status as CameraStatus) : 'unknown';
  const seen = typeof row.lastSeenAt === 'string' ? Date.parse(row.lastSeenAt) : row.lastSeenAt.getTime();
  if (!Number.isFinite(seen) || now.getTime() - seen > HEARTBEAT_TIMEOUT_MS) return 'offline';
  return (CAMERA_STATUSES as readonly string[]).includes(row.status) ? (row.status as CameraStatus) : 'online';
}
