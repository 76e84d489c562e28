import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { ZWallPresetInput, type WallPresetDto, type WallStateDto } from '@/lib/domain/wall';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { wallRoom } from '@/lib/wall/wall-socket';
import type { Runtime } from '@/lib/platform/runtime';
import { selectCamerasByIds } from '@/lib/cameras/camera-sql';
import { deletePresetRow, selectPreset, selectPresets, upsertPreset } from './preset-sql';
import { selectWall, upsertWall } from './wall-sql';

type Rt = Pick<Runtime, 'pool' | 'io'>;

export function listPresets(pool: pg.Pool, agencyId: string): Promise<WallPresetDto[]> {
  return selectPresets(pool, agencyId);
}

/**
 * Save what the wall shows under a name. The wall page sends its tiles as displayed (in follow mode those are
 * the followed incident's cameras, which the stored state does not hold); without them, the stored wall is saved.
 */
export async function savePreset(rt: Rt, user: SessionUser, body: unknown, ip: string | null): Promise<{ preset: WallPresetDto; created: boolean }> {
  const parsed = ZWallPresetInput.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'wall preset');
  const input = parsed.data;
  const cur = input.layout === undefined || input.cameraIds === undefined ? await selectWall(rt.pool, user.agencyId) : null;
  const layout = input.layout ?? cur!.layout;
  const cameraIds = (input.cameraIds ?? cur!.cameraIds).slice(0, layout * layout);
  const found = await selectCamerasByIds(rt.pool, user.agencyId, cameraIds);
  if (found.length !== new Set(cameraIds).size) throw new AppError('NOT_FOUND', 'One of the cameras does not exist in your agency');
  return withTransaction(rt.pool, async (client) => {
    const out = await upsertPreset(client, user.agencyId, { name: input.name, layout, cameraIds }, user.id);
    await audit(client, {
      actor: user, action: 'wall.preset.save', targetType: 'wall_preset', targetId: out.preset.id, ip, outcome: 'allow',
      details: { name: input.name, layout, cameras: cameraIds.length, created: out.created },
    });
    return out;
  });
}

export async function deletePreset(pool: pg.Pool, user: SessionUser, id: string, ip: string | null): Promise<void> {
  await withTransaction(pool, async (client) => {
    const gone = await deletePresetRow(client, user.agencyId, id);
    if (!gone) throw new AppError('NOT_FOUND', 'No such wall preset');
    await audit(client, { actor: user, action: 'wall.preset.delete', targetType: 'wall_preset', targetId: id, ip, outcome: 'allow', details: { name: gone.name } });
  });
}

/** A person loads a preset: the wall leaves follow mode and shows exactly the preset's tiles. */
export async function loadPreset(rt: Rt, user: SessionUser, id: string, ip: string | null): Promise<WallStateDto> {
  const preset = await selectPreset(rt.pool, user.agencyId, id);
  if (!preset) throw new AppError('NOT_FOUND', 'No such wall preset');
  return applyPreset(rt, user.agencyId, preset, { user, ip });
}

/**
 * Store the preset as the agency's wall (manual mode, no incident) with its audit row in one transaction, then
 * push `wall` to the agency's wall room: every wall page of the agency switches at once.
 */
export async function applyPreset(
  rt: Rt,
  agencyId: string,
  preset: WallPresetDto,
  by: { user: SessionUser; ip: string | null } | { ruleId: string },
): Promise<WallStateDto> {
  const state = await withTransaction(rt.pool, async (client) => {
    const s = await upsertWall(client, agencyId, { layout: preset.layout, mode: 'manual', incidentId: null, cameraIds: preset.cameraIds }, 'user' in by ? by.user.id : null);
    await audit(client, {
      ...('user' in by ? { actor: by.user, ip: by.ip } : { actorLabel: `rule:${by.ruleId}`, agencyId }),
      action: 'wall.preset.load', targetType: 'wall_preset', targetId: preset.id, outcome: 'allow',
      details: { name: preset.name, version: s.version },
    });
    return s;
  });
  rt.io?.to(wallRoom(agencyId)).emit('wall', state);
  return state;
}
