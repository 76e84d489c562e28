import crypto from 'node:crypto';
import { audit } from '@/lib/audit/audit';
import { hashToken } from '@/lib/auth/sessions';
import type { SessionUser } from '@/lib/auth/session-user';
import { ZCreateBriefBody, type BriefSummary } from '@/lib/domain/brief';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { assertCan } from '@/lib/policy/assert-can';
import { loadIncidentRef } from '@/lib/notes/load-incident';
import { insertNote } from '@/lib/notes/note-rows';
import { pushNote } from '@/lib/notes/push-notes';
import { BRIEF_COLUMNS, briefSummary, type BriefRow } from './brief-rows';

/** The phone's page for a token (the token is the only key: shown once, only its hash kept). */
export const briefPath = (token: string) => `/brief/${token}`;

/**
 * Send a responding unit a brief of an active incident: a random token bound to the unit's call sign, valid until
 * `ttlMinutes` or until the incident closes, whichever is first. The brief, its note in the thread and its audit
 * row commit together; the link is returned once.
 */
export async function createBrief(rt: Pick<Runtime, 'pool' | 'io'>, caller: SessionUser, incidentId: string, body: unknown, ip: string | null = null): Promise<{ brief: BriefSummary; url: string }> {
  const user = assertCan(caller, 'brief.manage');
  const parsed = ZCreateBriefBody.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error);
  const { callSign, ttlMinutes } = parsed.data;
  const token = crypto.randomBytes(32).toString('base64url');
  const out = await withTransaction(rt.pool, async (client) => {
    const inc = await loadIncidentRef(client, user.agencyId, incidentId, true);
    if (!inc.active) throw new AppError('CONFLICT', `Incident ${inc.number} is ${inc.status}: no brief for a closed incident`);
    const { rows } = await client.query<BriefRow>(
      `INSERT INTO responder_brief AS b (id, incident_id, agency_id, call_sign, token_hash, expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6), $7) RETURNING ${BRIEF_COLUMNS}`,
      [crypto.randomUUID(), inc.id, inc.agencyId, callSign, hashToken(token), ttlMinutes, user.id],
    );
    const b = rows[0]!;
    const note = await insertNote(client, { incidentId: inc.id, agencyId: inc.agencyId, author: user, kind: 'brief', body: `Responder brief sent to ${callSign} (valid ${ttlMinutes} min or until the incident closes)` });
    await audit(client, { actor: user, action: 'brief.create', targetType: 'brief', targetId: b.id, ip, outcome: 'allow', details: { incidentId: inc.id, callSign, ttlMinutes } });
    return { b, note, number: inc.number };
  });
  pushNote(rt, user.agencyId, out.number, out.note);
  return { brief: briefSummary(out.b), url: briefPath(token) };
}
