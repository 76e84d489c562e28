import { z } from 'zod';

/** Speeds in ONVIF's generic velocity space: -1…1 (pan right +, tilt up +, zoom in +). */
const ZSpeed = z.number().min(-1).max(1);

/** POST /api/cameras/[id]/ptz/move: a continuous move, stopped by /stop or by the camera after `timeoutMs`. */
export const ZPtzMove = z
  .strictObject({
    pan: ZSpeed.default(0),
    tilt: ZSpeed.default(0),
    zoom: ZSpeed.default(0),
    /** The camera stops by itself after this long, so a console that vanishes mid-move cannot leave it turning. */
    timeoutMs: z.number().int().min(100).max(10_000).default(5000),
  })
  .refine((m) => m.pan !== 0 || m.tilt !== 0 || m.zoom !== 0, { message: 'give a non-zero pan, tilt or zoom', path: ['pan'] });
export type PtzMove = z.infer<typeof ZPtzMove>;

/** POST /api/cameras/[id]/ptz/preset: go to a preset the camera reported. */
export const ZPtzGoto = z.strictObject({ token: z.string().trim().min(1).max(64) });

export const ZPtzPresetDto = z.object({ token: z.string(), name: z.string() });
export type PtzPresetDto = z.infer<typeof ZPtzPresetDto>;

/** PUT /api/admin/cameras/[id]/onvif: where the camera's ONVIF device service is, and its credentials. */
export const ZOnvifSettings = z.strictObject({
  /** The device service, e.g. http://10.20.3.4/onvif/device_service; null removes PTZ control. */
  url: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
  username: z.string().min(1).max(200).nullable().default(null),
  /** Omitted: keep the stored password; null: remove it. Never returned by any route. */
  password: z.string().min(1).max(200).nullable().optional(),
  ptz: z.boolean().optional(),
});
export type OnvifSettingsInput = z.infer<typeof ZOnvifSettings>;
