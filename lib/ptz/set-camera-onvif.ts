import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import type { OnvifSettingsInput } from '@/lib/domain/ptz';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import { allowList, checkUrl } from '@/lib/platform/outbound/outbound-fetch';
import type { Runtime } from '@/lib/platform/runtime';
import { dropOnvifSession } from './onvif-device';
import { updateOnvif } from './ptz-sql';

/**
 * An admin sets where a camera's ONVIF device service is and its credentials. The URL obeys the outbound-address
 * policy now (a private address without an allow-list entry is a 400 naming `url`) and again at every connection.
 * The password is sealed; the audit row says that it changed, never what it is.
 */
export async function setCameraOnvif(rt: Pick<Runtime, 'env' | 'pool'>, user: SessionUser, cameraId: string, s: OnvifSettingsInput, ip: string | null): Promise<{ ok: true }> {
  if (s.url) checkUrl(new URL(s.url), allowList(rt));
  const done = await withTransaction(rt.pool, async (client) => {
    const found = await updateOnvif(client, user.agencyId, cameraId, { url: s.url, username: s.username, password: s.password, ptz: s.ptz });
    if (!found) return false;
    await audit(client, {
      actor: user, action: 'admin.camera.onvif', targetType: 'camera', targetId: cameraId, ip, outcome: 'allow',
      details: { url: s.url ? new URL(s.url).origin : null, username: s.username, password: s.password === undefined ? 'kept' : s.password === null ? 'removed' : 'set', ptz: s.ptz ?? null },
    });
    return true;
  });
  if (!done) throw new AppError('NOT_FOUND', 'No such camera in your agency');
  dropOnvifSession(cameraId);
  return { ok: true };
}
