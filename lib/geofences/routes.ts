import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { deleteRoute, listRoute } from '@/lib/api/resource-routes';
import { ZGeofenceDto, ZGeofenceInput, ZGeofencePatch } from '@/lib/domain/geofence';
import { can } from '@/lib/policy/route-policy';
import { createGeofence } from './create-geofence';
import { deleteGeofence } from './delete-geofence';
import { listGeofences } from './list-geofences';
import { updateGeofence } from './update-geofence';

const admin = can('admin.manage');

export const geofenceRoutes = [
  listRoute({
    path: '/api/geofences',
    operationId: 'listMapGeofences',
    summary: "The agency's geofences, for the console map",
    policy: can('console.view'),
    key: 'geofences',
    item: ZGeofenceDto,
    list: listGeofences,
  }),
  listRoute({
    path: '/api/admin/geofences',
    operationId: 'listGeofences',
    summary: "The agency's geofences",
    policy: admin,
    key: 'geofences',
    item: ZGeofenceDto,
    list: listGeofences,
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/geofences',
    operationId: 'createGeofence',
    summary: 'Create a geofence (a jurisdiction boundary can be large: 2 MB)',
    policy: admin,
    body: ZGeofenceInput,
    bodyLimit: 2 * 1024 * 1024,
    response: { status: 201, schema: z.object({ geofence: ZGeofenceDto }) },
    errors: [413],
    handle: async ({ rt, user, body, ip }) => ({ geofence: await createGeofence(rt.pool, user, body, ip) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/admin/geofences/[id]',
    operationId: 'updateGeofence',
    summary: "Change a geofence's shape (edited on the map), name or kind",
    policy: admin,
    body: ZGeofencePatch,
    bodyLimit: 2 * 1024 * 1024,
    response: { schema: z.object({ geofence: ZGeofenceDto }) },
    errors: [404, 413],
    handle: async ({ rt, user, params, body, ip }) => ({ geofence: await updateGeofence(rt.pool, user, params.id!, body, ip) }),
  }),
  deleteRoute({
    path: '/api/admin/geofences/[id]',
    operationId: 'deleteGeofence',
    summary: 'Delete a geofence',
    policy: admin,
    remove: deleteGeofence,
  }),
];
