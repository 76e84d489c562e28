import { defineRoute } from '@/lib/api/define-route';
import { can, pub } from '@/lib/policy/route-policy';
import { ZCameraVideoHealth } from '@/lib/domain/camera';
import { getCameraHealth } from './get-camera-health';
import { proxyStream } from './proxy-stream';
import { serveTestStream } from './serve-test-stream';

export const videoRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/cameras/[id]/stream/[...path]',
    operationId: 'getCameraStream',
    summary: "Same-origin HLS proxy of a camera's stream: access checked per camera, views audited, playlist URIs rewritten here",
    policy: can('video.live'),
    response: { contentType: 'application/vnd.apple.mpegurl', description: 'An HLS playlist or media segment' },
    errors: [404, 502],
    // The role gate runs first (anonymous → 401); the camera's agency is checked against the user inside.
    handle: ({ rt, user, ip, params, req }) =>
      proxyStream(rt, { user, ip, cameraId: params.id!, segments: params.rest, search: new URL(req.url).search }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/cameras/[id]/health',
    operationId: 'getCameraHealth',
    summary: "A camera's video health for its tile: online, offline (with why) or idle, and the last frame received",
    policy: can('video.live'),
    response: { schema: ZCameraVideoHealth },
    errors: [404],
    handle: ({ rt, user, ip, params }) => getCameraHealth(rt, user, ip, params.id!),
  }),
  defineRoute({
    method: 'GET',
    path: '/streams/[name]/[...path]',
    operationId: 'getTestStreamFile',
    summary: 'Test-pattern HLS files (TEST_STREAMS=1 only); browsers reach them through the camera proxy',
    policy: pub,
    response: { contentType: 'application/vnd.apple.mpegurl' },
    errors: [404],
    handle: ({ rt, params }) => serveTestStream(rt, params.name!, params.rest),
  }),
];
