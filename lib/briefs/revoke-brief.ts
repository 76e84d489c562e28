import { z } from 'zod';
import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import type { BriefSummary } from '@/lib/domain/brief';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { assertCan } from '@/lib/policy/assert-can';
import { BRIEF_COLUMNS, briefRoom, briefSummary, type BriefRow } from './brief-rows';
import { briefNamespace } from './brief-socket';

/** Revoke a brief at once: the link refuses from now on and every phone showing it is told and disconnected. */
export async function revokeBrief(rt: Pick<Runtime, 'pool' | 'io'>, caller: SessionUser, briefId: string, ip: string | null = null): Promise<BriefSummary> {
  const user = assertCan(caller, 'brief.manage');
  if (!z.uuid().safeParse(briefId).success) throw new AppError('NOT_FOUND', 'No such brief');
  const b = await withTransaction(rt.pool, async (client) => {
    const { rows } = await client.query<BriefRow>(
      `UPDATE responder_brief b SET revoked_at = coalesce(b.revoked_at, now()) WHERE b.id = $1 AND b.agency_id = $2 RETURNING ${BRIEF_COLUMNS}`,
      [briefId, user.agencyId],
    );
    if (!rows[0]) throw new AppError('NOT_FOUND', 'No such brief');
    await audit(client, { actor: user, action: 'brief.revoke', targetType: 'brief', targetId: briefId, ip, outcome: 'allow', details: { incidentId: rows[0].incident_id, callSign: rows[0].call_sign } });
    return rows[0];
  });
  const nsp = rt.io ? briefNamespace(rt.io) : null;
  nsp?.to(briefRoom(b.id)).emit('briefEnded', { reason: 'This brief was revoked' });
  nsp?.in(briefRoom(b.id)).disconnectSockets(true);
  return briefSummary(b);
}
