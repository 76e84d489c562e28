import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import type { PtzMove, PtzPresetDto } from '@/lib/domain/ptz';
import { AppError } from '@/lib/platform/errors/app-error';
import { TokenBuckets } from '@/lib/platform/rate-limit';
import type { Runtime } from '@/lib/platform/runtime';
import { continuousMove, gotoPreset, listPresets, stopMove, type OnvifTarget } from './onvif-device';
import { selectPtzCamera } from './ptz-sql';

type Rt = Pick<Runtime, 'env' | 'pool' | 'ptzLimiter'>;

/** The user's agency's camera with PTZ control configured: 404 otherwise (another agency's too), 409 without ONVIF. */
async function controllable(rt: Rt, user: SessionUser, cameraId: string): Promise<OnvifTarget> {
  const cam = await selectPtzCamera(rt.pool, user.agencyId, cameraId);
  if (!cam) throw new AppError('NOT_FOUND', 'No such camera in your agency');
  if (!cam.ptz) throw new AppError('CONFLICT', 'This camera is not a PTZ camera');
  if (!cam.target) throw new AppError('CONFLICT', 'This camera has no ONVIF endpoint configured (admin → cameras)');
  return cam.target;
}

function limit(rt: Rt, user: SessionUser, cameraId: string): void {
  rt.ptzLimiter ??= new TokenBuckets({ ratePerSec: rt.env.PTZ_RATE_PER_SEC, burst: rt.env.PTZ_BURST });
  rt.ptzLimiter.consume(`${user.id}:${cameraId}`);
}

/**
 * One PTZ command: rate-limited per user and camera, sent to the device, and audited whatever happened (a
 * refusal by the device or by the outbound-address policy is on record as an error with its reason).
 */
async function command(rt: Rt, user: SessionUser, cameraId: string, ip: string | null, action: string, details: Record<string, unknown>, send: (t: OnvifTarget) => Promise<void>): Promise<void> {
  limit(rt, user, cameraId);
  const target = await controllable(rt, user, cameraId);
  try {
    await send(target);
  } catch (err) {
    await audit(rt.pool, { actor: user, action, targetType: 'camera', targetId: cameraId, ip, outcome: 'error', details: { ...details, error: (err as Error).message.slice(0, 300) } });
    throw err;
  }
  await audit(rt.pool, { actor: user, action, targetType: 'camera', targetId: cameraId, ip, outcome: 'allow', details });
}

export async function listCameraPresets(rt: Rt, user: SessionUser, cameraId: string): Promise<PtzPresetDto[]> {
  const target = await controllable(rt, user, cameraId);
  return (await listPresets(rt, target)).map((p) => ({ token: p.token, name: p.name }));
}

export const moveCamera = (rt: Rt, user: SessionUser, cameraId: string, move: PtzMove, ip: string | null) =>
  command(rt, user, cameraId, ip, 'camera.ptz.move', { ...move }, (t) => continuousMove(rt, t, move, move.timeoutMs));

export const stopCamera = (rt: Rt, user: SessionUser, cameraId: string, ip: string | null) =>
  command(rt, user, cameraId, ip, 'camera.ptz.stop', {}, (t) => stopMove(rt, t));

export const gotoCameraPreset = (rt: Rt, user: SessionUser, cameraId: string, token: string, ip: string | null) =>
  command(rt, user, cameraId, ip, 'camera.ptz.preset', { token }, (t) => gotoPreset(rt, t, token));
