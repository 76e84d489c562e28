import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import { withoutCredentials, type CameraSeed } from '@/lib/domain/camera';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import type { SourceIdentity } from '../ingest/authenticate-source';
import type { Heartbeat } from '../ingest/adapters/camera-registry';
import { notifyCamerasChanged, recordHeartbeats, upsertCameraRows } from './camera-store';

/** Source kinds that may register cameras: a VMS, a camera network, a partner's camera feed. */
export const CAMERA_SOURCE_KINDS: ReadonlySet<string> = new Set(['camera']);

function assertCameraSource(source: SourceIdentity): void {
  if (!CAMERA_SOURCE_KINDS.has(source.kind)) {
    throw new AppError('FORBIDDEN', `A ${source.kind} source cannot register cameras: only a camera source can`);
  }
}

/**
 * POST /api/ingest/cameras: a camera source creates its cameras and updates the ones it created, never another
 * source's or an administrator's (the whole batch is refused, 403 naming them). Every camera created or changed is
 * an audit row of the agency, committed with the change.
 */
export async function upsertSourceCameras(pool: pg.Pool, source: SourceIdentity, cams: CameraSeed[], ip: string | null): Promise<{ created: number; updated: number }> {
  assertCameraSource(source);
  return withTransaction(pool, async (client) => {
    const rows = await upsertCameraRows(client, source.agencyId, source.id, cams);
    const done = new Set(rows.map((r) => r.external_id));
    const foreign = cams.map((c, i) => ({ c, i })).filter(({ c }) => !done.has(c.externalId));
    if (foreign.length) {
      throw new AppError(
        'FORBIDDEN',
        `Camera ${foreign.map(({ c }) => `"${c.externalId}"`).join(', ')} belongs to another source or an administrator`,
        foreign.map(({ i }) => ({ path: `cameras[${i}].externalId`, message: 'not a camera of this source' })),
      );
    }
    const byExt = new Map(cams.map((c) => [c.externalId, c]));
    for (const r of rows) {
      const c = byExt.get(r.external_id)!;
      await audit(client, {
        actorLabel: `source:${source.name}`,
        agencyId: source.agencyId,
        action: r.created ? 'source.camera.create' : 'source.camera.update',
        targetType: 'camera',
        targetId: r.id,
        ip,
        outcome: 'allow',
        details: { sourceId: source.id, externalId: c.externalId, name: c.name, streamKind: c.streamKind, streamUrl: withoutCredentials(c.streamUrl) },
      });
    }
    if (rows.length) await notifyCamerasChanged(client);
    const created = rows.filter((r) => r.created).length;
    return { created, updated: rows.length - created };
  });
}

/** POST /api/ingest/cameras/heartbeat: only a camera source, only for its own cameras. */
export async function sourceHeartbeats(pool: pg.Pool, source: SourceIdentity, beats: Heartbeat[]): Promise<{ updated: number }> {
  assertCameraSource(source);
  return recordHeartbeats(pool, source.agencyId, beats, source.id);
}
