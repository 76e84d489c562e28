import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { noContent } from '@/lib/api/responses';
import { ZGeofenceDto, ZGeofenceInput, ZGeofencePatch } from '@/lib/domain/geofence';
import { can } from '@/lib/policy/route-policy';
import { createGeofence } from './create-geofence';
import { deleteGeofence } from './delete-geofence';
import { listGeofences } from './list-geofences';
import { updateGeofence } from './update-geofence';

const admin = can('admin.manage');

export const geofenceRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/geofences',
    operationId: 'listMapGeofences',
    summary: "The agency's geofences, for the console map",
    policy: can('console.view'),
    response: { schema: z.object({ geofences: z.array(ZGeofenceDto) }) },
    handle: async ({ rt, user }) => ({ geofences: await listGeofences(rt.pool, user.agencyId) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/admin/geofences',
    operationId: 'listGeofences',
    summary: "The agency's geofences",
    policy: admin,
    response: { schema: z.object({ geofences: z.array(ZGeofenceDto) }) },
    handle: async ({ rt, user }) => ({ geofences: await listGeofences(rt.pool, user.agencyId) }),
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
  defineRoute({
    method: 'DELETE',
    path: '/api/admin/geofences/[id]',
    operationId: 'deleteGeofence',
    summary: 'Delete a geofence',
    policy: admin,
    response: { status: 204 },
    errors: [404],
    handle: async ({ rt, user, params, ip }) => (await deleteGeofence(rt.pool, user, params.id!, ip), noContent()),
  }),
];
