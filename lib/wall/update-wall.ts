import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { MAX_WALL_TILES, ZWallCommand, type WallStateDto } from '@/lib/domain/wall';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { wallRoom } from '@/lib/wall/wall-socket';
import type { Runtime } from '@/lib/platform/runtime';
import { selectCamerasByIds } from '@/lib/cameras/camera-sql';
import { selectWall, upsertWall } from './wall-sql';

/**
 * A console pushes to its agency's wall: a layout, follow mode, an incident (its cameras, best ranked first) or a
 * hand-picked camera set. Stored first, then pushed as `wall` to the agency's wall room.
 */
export async function updateWall(rt: Pick<Runtime, 'pool' | 'io'>, user: SessionUser, body: unknown, ip: string | null = null): Promise<WallStateDto> {
  const parsed = ZWallCommand.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'wall command');
  const cmd = parsed.data;
  // Checks that do not depend on the stored state run first, outside the row lock.
  const incidentCams = cmd.incidentId ? await incidentCameras(rt.pool, user.agencyId, cmd.incidentId) : [];
  if (cmd.cameraIds !== undefined) {
    const found = await selectCamerasByIds(rt.pool, user.agencyId, cmd.cameraIds);
    if (found.length !== new Set(cmd.cameraIds).size) throw new AppError('NOT_FOUND', 'One of the cameras does not exist in your agency');
  }
  // Read-modify-write under the row lock: two consoles pressing "3×3" and "Follow" at once must both take effect
  // (without it, each read the old state and the later write undid the earlier one).
  const state = await withTransaction(rt.pool, async (client) => {
    const cur = await selectWall(client, user.agencyId, { forUpdate: true });
    const next = { layout: cmd.layout ?? cur.layout, mode: cmd.mode ?? cur.mode, incidentId: cur.incidentId, cameraIds: cur.cameraIds };
    if (cmd.incidentId !== undefined) {
      next.incidentId = cmd.incidentId;
      next.cameraIds = incidentCams;
      // Pushing an incident pins it: follow mode would replace it with the top incident at once.
      if (cmd.incidentId && cmd.mode === undefined) next.mode = 'manual';
    }
    if (cmd.cameraIds !== undefined) {
      next.cameraIds = cmd.cameraIds;
      if (cmd.incidentId === undefined) next.incidentId = null;
    }
    const s = await upsertWall(client, user.agencyId, next, user.id);
    // Who put what on the wall (an incident's cameras are video shown to a room) is on record like any change.
    await audit(client, {
      actor: user, action: 'wall.update', targetType: 'wall', targetId: user.agencyId, ip, outcome: 'allow',
      details: { layout: s.layout, mode: s.mode, incidentId: s.incidentId, cameras: s.cameraIds.length, version: s.version },
    });
    return s;
  });
  rt.io?.to(wallRoom(user.agencyId)).emit('wall', state);
  return state;
}

async function incidentCameras(pool: pg.Pool, agencyId: string, incidentId: string): Promise<string[]> {
  const inc = await pool.query('SELECT 1 FROM incident WHERE id = $1 AND agency_id = $2', [incidentId, agencyId]);
  if (!inc.rowCount) throw new AppError('NOT_FOUND', 'No such incident');
  const { rows } = await pool.query<{ camera_id: string }>(
    'SELECT camera_id FROM incident_camera WHERE incident_id = $1 ORDER BY rank LIMIT $2',
    [incidentId, MAX_WALL_TILES],
  );
  return rows.map((r) => r.camera_id);
}
