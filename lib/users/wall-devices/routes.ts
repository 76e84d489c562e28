import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { listRoute } from '@/lib/api/resource-routes';
import { audit } from '@/lib/audit/audit';
import { createWallDevice, listWallDevices, revokeWallDevice } from '@/lib/auth/wall-device';
import { AppError } from '@/lib/platform/errors/app-error';
import { can } from '@/lib/policy/route-policy';

const admin = can('admin.manage');

/** Video-wall kiosks of the agency: registered with a device token shown once, listed, revoked. */
export const wallDeviceRoutes = [
  listRoute({
    path: '/api/admin/wall-devices',
    operationId: 'listWallDevices',
    summary: "The agency's wall devices (name, last use, revoked)",
    policy: admin,
    key: 'devices',
    list: listWallDevices,
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/wall-devices',
    operationId: 'createWallDevice',
    summary: 'Register a wall kiosk; the device token is in this response only',
    policy: admin,
    body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
    bodyLimit: 1024,
    response: { status: 201 },
    handle: async ({ rt, user, body, ip }) => {
      const d = await createWallDevice(rt.pool, user.agencyId, body.name);
      await audit(rt.pool, { actor: user, action: 'admin.wall_device.create', targetType: 'wall_device', targetId: d.id, ip, outcome: 'allow', details: { name: body.name } });
      return Response.json({ id: d.id, token: d.token }, { status: 201, headers: { 'cache-control': 'no-store' } });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/wall-devices/[id]/revoke',
    operationId: 'revokeWallDevice',
    summary: 'Revoke a wall device: its token is refused and its sessions end at once',
    policy: admin,
    errors: [404],
    handle: async ({ rt, user, params, ip }) => {
      if (!(await revokeWallDevice(rt.pool, user.agencyId, params.id!))) throw new AppError('NOT_FOUND', 'No such active wall device');
      await audit(rt.pool, { actor: user, action: 'admin.wall_device.revoke', targetType: 'wall_device', targetId: params.id!, ip, outcome: 'allow' });
      return { ok: true };
    },
  }),
];
