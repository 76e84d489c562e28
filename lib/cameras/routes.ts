import { defineRoute } from '@/lib/api/define-route';
import { listRoute } from '@/lib/api/resource-routes';
import { jsonStatus } from '@/lib/api/responses';
import { ZCameraDto } from '@/lib/domain/camera';
import { ZCameraBatch, ZCameraRegistration, ZHeartbeatBatch } from '@/lib/ingest/adapters/camera-registry';
import { can, sourceKey } from '@/lib/policy/route-policy';
import { listAdminCameras } from './list-admin-cameras';
import { listCameras } from './list-cameras';
import { importCameras, receiveCameraHeartbeats, receiveCameras } from './receive-cameras';
import { saveCamera } from './save-camera';

const admin = can('admin.manage');

export const cameraRoutes = [
  listRoute({
    path: '/api/cameras',
    operationId: 'listCameras',
    summary: "Cameras the user may see (own agency and shares), for the map's camera layer",
    policy: can('camera.list'),
    key: 'cameras',
    item: ZCameraDto,
    list: listCameras,
  }),
  listRoute({
    path: '/api/admin/cameras',
    operationId: 'listAdminCameras',
    summary: "The agency's cameras with their health, for administration",
    policy: admin,
    key: 'cameras',
    list: listAdminCameras,
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/cameras',
    operationId: 'saveCamera',
    summary: 'Create or edit one camera (upsert by externalId); 201 when it is new',
    policy: admin,
    body: ZCameraRegistration,
    bodyLimit: 16 * 1024,
    handle: async ({ rt, user, body, ip }) => {
      const { camera, created } = await saveCamera(rt.pool, user, body, ip);
      return jsonStatus({ camera }, created ? 201 : 200);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/admin/cameras',
    operationId: 'importCameras',
    summary: 'Import cameras from CSV (upsert by external_id)',
    policy: admin,
    rawBody: { contentTypes: ['text/csv'], description: 'CSV with header external_id,name,lat,lon,…' },
    errors: [413, 415],
    handle: ({ rt, user, req }) => importCameras(rt, user, req),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/ingest/cameras',
    operationId: 'ingestCameras',
    summary: 'Camera registry upsert by a camera source (its own cameras only; audited)',
    errors: [403, 413, 415, 429],
    policy: sourceKey,
    rawBody: { contentTypes: ['application/json'], schema: ZCameraBatch },
    handle: ({ rt, req }) => receiveCameras(rt, req),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/ingest/cameras/heartbeat',
    operationId: 'ingestCameraHeartbeats',
    summary: 'Camera status heartbeats',
    policy: sourceKey,
    rawBody: { contentTypes: ['application/json'], schema: ZHeartbeatBatch },
    errors: [413, 415, 429],
    handle: ({ rt, req }) => receiveCameraHeartbeats(rt, req),
  }),
];
