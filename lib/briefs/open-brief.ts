import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import { hashToken } from '@/lib/auth/sessions';
import { ACTIVE_STATUSES, type IncidentStatus } from '@/lib/domain/incident';
import { AppError } from '@/lib/platform/errors/app-error';
import { Gone } from '@/lib/platform/errors/gone';
import { BRIEF_COLUMNS, type BriefRow } from './brief-rows';

/** How a holder of the link reached it: each is an audit row ("audited on every open"). */
export type BriefAccess = 'page' | 'live' | 'video';

export const briefActor = (b: Pick<BriefRow, 'id' | 'call_sign'>) => `unit:${b.call_sign} (brief ${b.id})`;

/**
 * Resolve a brief's token: unknown → 404; revoked, expired, or its incident closed or merged → 410 (the close is
 * recorded on the brief as `ended_at`, so the link stays dead). With `what`, the access is audited under the
 * brief's agency, refused ones too; without it (a video segment of an open player) it is only checked.
 */
export async function openBrief(pool: pg.Pool, token: string, ip: string | null, what?: BriefAccess): Promise<BriefRow> {
  if (!/^[\w-]{30,100}$/.test(token)) throw new AppError('NOT_FOUND', 'No such brief');
  const { rows } = await pool.query<BriefRow & { incident_status: IncidentStatus | null }>(
    `SELECT ${BRIEF_COLUMNS}, i.status AS incident_status FROM responder_brief b LEFT JOIN incident i ON i.id = b.incident_id WHERE b.token_hash = $1`,
    [hashToken(token)],
  );
  const b = rows[0];
  if (!b) throw new AppError('NOT_FOUND', 'No such brief');
  let refused: string | null = null;
  if (b.revoked_at) refused = 'revoked';
  else if (b.ended_at || !b.incident_status || !ACTIVE_STATUSES.includes(b.incident_status)) refused = 'incident closed';
  else if (b.expires_at.getTime() <= Date.now()) refused = 'expired';
  if (refused === 'incident closed' && !b.ended_at) await pool.query('UPDATE responder_brief SET ended_at = now() WHERE id = $1 AND ended_at IS NULL', [b.id]);
  if (what) {
    await audit(pool, {
      actorLabel: briefActor(b),
      agencyId: b.agency_id,
      action: 'brief.open',
      targetType: 'brief',
      targetId: b.id,
      ip,
      outcome: refused ? 'deny' : 'allow',
      details: { incidentId: b.incident_id, callSign: b.call_sign, what, ...(refused ? { refused } : {}) },
    });
  }
  if (refused) throw new Gone(refused === 'revoked' ? 'This brief was revoked' : refused === 'expired' ? 'This brief has expired' : 'The incident is closed: this brief has ended');
  if (what) await pool.query('UPDATE responder_brief SET last_opened_at = now() WHERE id = $1', [b.id]);
  return b;
}
