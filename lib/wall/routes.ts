import { defineRoute } from '@/lib/api/define-route';
import { deleteRoute, listRoute } from '@/lib/api/resource-routes';
import { jsonStatus } from '@/lib/api/responses';
import { ZWallCommand, ZWallPresetDto, ZWallPresetInput, ZWallStateDto } from '@/lib/domain/wall';
import { can } from '@/lib/policy/route-policy';
import { getWall } from './get-wall';
import { presetId } from './preset-id';
import { deletePreset, listPresets, loadPreset, savePreset } from './presets';
import { updateWall } from './update-wall';

const view = can('wall.view');
const control = can('wall.control');

export const wallRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/wall',
    operationId: 'getWall',
    summary: "The agency's video wall: layout, mode and the camera of each tile",
    policy: view,
    response: { schema: ZWallStateDto },
    handle: ({ rt, user }) => getWall(rt.pool, user.agencyId),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/wall',
    operationId: 'updateWall',
    summary: "Push to the agency's wall: { incidentId }, { cameraIds }, { layout }, { mode: 'follow' } (any combination)",
    policy: control,
    body: ZWallCommand,
    bodyLimit: 16 * 1024,
    response: { schema: ZWallStateDto },
    handle: ({ rt, user, body, ip }) => updateWall(rt, user, body, ip),
  }),
  listRoute({
    path: '/api/wall/presets',
    operationId: 'listWallPresets',
    summary: "The agency's saved wall layouts",
    policy: view,
    key: 'presets',
    item: ZWallPresetDto,
    list: listPresets,
  }),
  defineRoute({
    method: 'POST',
    path: '/api/wall/presets',
    operationId: 'saveWallPreset',
    summary: 'Save (same name: overwrite) a wall preset of the agency; 201 when new',
    policy: control,
    body: ZWallPresetInput,
    bodyLimit: 16 * 1024,
    handle: async ({ rt, user, body, ip }) => {
      const { preset, created } = await savePreset(rt, user, body, ip);
      return jsonStatus({ preset }, created ? 201 : 200);
    },
  }),
  deleteRoute({
    path: '/api/wall/presets/[id]',
    operationId: 'deleteWallPreset',
    summary: 'Delete a wall preset',
    policy: control,
    remove: (pool, user, id, ip) => deletePreset(pool, user, presetId(id), ip),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/wall/presets/[id]/load',
    operationId: 'loadWallPreset',
    summary: 'Show the preset on every wall of the agency (leaves follow mode); answers the new wall state',
    policy: control,
    response: { schema: ZWallStateDto },
    errors: [404],
    handle: ({ rt, user, params, ip }) => loadPreset(rt, user, presetId(params.id), ip),
  }),
];
