import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { noContent } from '@/lib/api/responses';
import { ZOnvifSettings, ZPtzGoto, ZPtzMove, ZPtzPresetDto } from '@/lib/domain/ptz';
import { can } from '@/lib/policy/route-policy';
import { gotoCameraPreset, listCameraPresets, moveCamera, stopCamera } from './control-ptz';
import { setCameraOnvif } from './set-camera-onvif';

const ptz = can('camera.ptz');
// 409: not a PTZ camera / no ONVIF endpoint; 429: rate limit; 503: the device did not do it.
const deviceErrors = [404, 409, 429, 503] as const;

export const ptzRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/cameras/[id]/ptz/presets',
    operationId: 'listPtzPresets',
    summary: "The presets a PTZ camera reports (ONVIF GetPresets); the camera's address and credentials stay on the server",
    policy: ptz,
    response: { schema: z.object({ presets: z.array(ZPtzPresetDto) }) },
    errors: deviceErrors,
    handle: async ({ rt, user, params }) => ({ presets: await listCameraPresets(rt, user, params.id ?? '') }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cameras/[id]/ptz/move',
    operationId: 'movePtz',
    summary: 'Start a continuous pan/tilt/zoom (ONVIF ContinuousMove) that the camera ends after timeoutMs; audited, rate-limited',
    policy: ptz,
    body: ZPtzMove,
    bodyLimit: 1024,
    response: { status: 204 },
    errors: deviceErrors,
    handle: async ({ rt, user, params, body, ip }) => (await moveCamera(rt, user, params.id ?? '', body, ip), noContent()),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cameras/[id]/ptz/stop',
    operationId: 'stopPtz',
    summary: 'Stop pan, tilt and zoom (ONVIF Stop); audited, rate-limited',
    policy: ptz,
    response: { status: 204 },
    errors: deviceErrors,
    handle: async ({ rt, user, params, ip }) => (await stopCamera(rt, user, params.id ?? '', ip), noContent()),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cameras/[id]/ptz/preset',
    operationId: 'gotoPtzPreset',
    summary: 'Turn the camera to one of its presets (ONVIF GotoPreset); audited, rate-limited',
    policy: ptz,
    body: ZPtzGoto,
    bodyLimit: 1024,
    response: { status: 204 },
    errors: deviceErrors,
    handle: async ({ rt, user, params, body, ip }) => (await gotoCameraPreset(rt, user, params.id ?? '', body.token, ip), noContent()),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/admin/cameras/[id]/onvif',
    operationId: 'setCameraOnvif',
    summary: "Set a camera's ONVIF device service URL and credentials (the password is sealed and never returned); audited",
    policy: can('admin.manage'),
    body: ZOnvifSettings,
    bodyLimit: 8 * 1024,
    errors: [404],
    handle: ({ rt, user, params, body, ip }) => setCameraOnvif(rt, user, params.id ?? '', body, ip),
  }),
];
