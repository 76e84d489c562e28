import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import { ZNoteBody, type Mention, type NoteDto } from '@/lib/domain/teamwork';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { invalid } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { assertCan } from '@/lib/policy/assert-can';
import { loadIncidentRef } from './load-incident';
import { insertNote } from './note-rows';
import { parseMentions } from './parse-mentions';
import { pushNote } from './push-notes';

/** `@username` → users of the same agency (unknown names stay plain text). */
async function resolveMentions(db: pg.PoolClient, agencyId: string, text: string): Promise<Mention[]> {
  const { usernames, roles } = parseMentions(text);
  const users = usernames.length
    ? (await db.query<{ id: string; display_name: string }>(
        `SELECT id, display_name FROM app_user WHERE agency_id = $1 AND lower(username) = ANY($2::text[]) AND NOT disabled ORDER BY display_name`,
        [agencyId, usernames],
      )).rows
    : [];
  return [...users.map((u): Mention => ({ kind: 'user', userId: u.id, name: u.display_name })), ...roles.map((role): Mention => ({ kind: 'role', role }))];
}

/**
 * A note on an incident (open or closed: after-action notes count too): stored with who and when and its audit
 * row in one transaction, then pushed to the incident's viewers and to whoever it mentions.
 */
export async function addNote(rt: Pick<Runtime, 'pool' | 'io'>, caller: SessionUser, incidentId: string, body: unknown, ip: string | null = null): Promise<NoteDto> {
  const user = assertCan(caller, 'incident.update');
  const parsed = ZNoteBody.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error);
  const { note, number } = await withTransaction(rt.pool, async (client) => {
    const inc = await loadIncidentRef(client, user.agencyId, incidentId);
    const mentions = await resolveMentions(client, user.agencyId, parsed.data.text);
    const note = await insertNote(client, { incidentId: inc.id, agencyId: inc.agencyId, author: user, kind: 'note', body: parsed.data.text, mentions });
    await audit(client, {
      actor: user,
      action: 'incident.note',
      targetType: 'incident',
      targetId: inc.id,
      ip,
      outcome: 'allow',
      details: { noteId: note.id, length: note.body.length, mentions: mentions.map((m) => (m.kind === 'user' ? `user:${m.userId}` : `role:${m.role}`)) },
    });
    return { note, number: inc.number };
  });
  pushNote(rt, user.agencyId, number, note);
  return note;
}
