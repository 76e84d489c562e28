import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import { ZOwnerBody, type NoteDto } from '@/lib/domain/teamwork';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { assertCan } from '@/lib/policy/assert-can';
import { broadcastWatch } from '@/lib/presence/broadcast-watch';
import { loadAssignee } from './assignees';
import { loadIncidentRef } from './load-incident';
import { insertNote } from './note-rows';
import { pushNote, pushNotice } from './push-notes';

/**
 * Assign an active incident to an operator (its owner, shown as "monitored by"), or release it (null). The change
 * is a note of kind 'assignment' in the thread and an audit row, committed together; then every console hears it.
 */
export async function setOwner(rt: Pick<Runtime, 'pool' | 'io'>, caller: SessionUser, incidentId: string, body: unknown, ip: string | null = null): Promise<NoteDto> {
  const user = assertCan(caller, 'incident.update');
  const parsed = ZOwnerBody.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error);
  const { userId } = parsed.data;
  const out = await withTransaction(rt.pool, async (client) => {
    const inc = await loadIncidentRef(client, user.agencyId, incidentId, true);
    if (!inc.active) throw new AppError('CONFLICT', `Incident ${inc.number} is ${inc.status}`);
    const to = userId ? await loadAssignee(client, user.agencyId, userId, 'userId') : null;
    if (to) {
      await client.query(
        `INSERT INTO incident_owner (incident_id, agency_id, user_id, assigned_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (incident_id) DO UPDATE SET user_id = EXCLUDED.user_id, assigned_by = EXCLUDED.assigned_by, assigned_at = now()`,
        [inc.id, inc.agencyId, to.userId, user.id],
      );
    } else {
      await client.query('DELETE FROM incident_owner WHERE incident_id = $1', [inc.id]);
    }
    const body = to ? (to.userId === user.id ? `${user.displayName} took ownership` : `Assigned to ${to.name} by ${user.displayName}`) : `Released by ${user.displayName}`;
    const note = await insertNote(client, { incidentId: inc.id, agencyId: inc.agencyId, author: user, kind: 'assignment', body });
    await audit(client, { actor: user, action: 'incident.owner', targetType: 'incident', targetId: inc.id, ip, outcome: 'allow', details: { ownerId: to?.userId ?? null } });
    return { note, inc, to };
  });
  pushNote(rt, out.inc.agencyId, out.inc.number, out.note);
  if (out.to && out.to.userId !== user.id) {
    pushNotice(rt, out.to.userId, { kind: 'assignment', incidentId: out.inc.id, incidentNumber: out.inc.number, from: user.displayName, text: out.note.body, at: out.note.createdAt });
  }
  if (rt.io) await broadcastWatch(rt.io, rt.pool, out.inc.id, out.inc.agencyId);
  return out.note;
}
