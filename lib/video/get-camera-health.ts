import 'server-only';
import type { SessionUser } from '@/lib/auth/session-user';
import type { CameraVideoHealth } from '@/lib/domain/camera';
import { AppError } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { decide } from '@/lib/policy/require-user';
import { selectCamera } from '../cameras/camera-sql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A tile's camera health (online / offline with why / idle, last frame): for whoever may watch the camera. */
export async function getCameraHealth(rt: Pick<Runtime, 'pool'>, user: SessionUser, ip: string | null, cameraId: string): Promise<CameraVideoHealth> {
  const camera = UUID.test(cameraId) ? await selectCamera(rt.pool, cameraId) : null;
  if (!camera) throw new AppError('NOT_FOUND', 'No such camera');
  await decide(rt.pool, user, 'video.live', { agencyId: camera.agencyId }, ip);
  return camera.dto.video!;
}
