import type pg from 'pg';
import type { BriefSummary } from '@/lib/domain/brief';

/** `responder_brief` SQL and its mapping, in one place. */
export interface BriefRow {
  id: string;
  incident_id: string;
  agency_id: string;
  call_sign: string;
  expires_at: Date;
  revoked_at: Date | null;
  ended_at: Date | null;
  created_at: Date;
  last_opened_at: Date | null;
}

export const BRIEF_COLUMNS = 'b.id, b.incident_id, b.agency_id, b.call_sign, b.expires_at, b.revoked_at, b.ended_at, b.created_at, b.last_opened_at';

export const briefActive = (b: BriefRow, now = new Date()) => !b.revoked_at && !b.ended_at && b.expires_at > now;

export function briefSummary(b: BriefRow, now = new Date()): BriefSummary {
  return {
    id: b.id,
    incidentId: b.incident_id,
    callSign: b.call_sign,
    createdAt: b.created_at.toISOString(),
    expiresAt: b.expires_at.toISOString(),
    revokedAt: b.revoked_at?.toISOString() ?? null,
    endedAt: b.ended_at?.toISOString() ?? null,
    lastOpenedAt: b.last_opened_at?.toISOString() ?? null,
    active: briefActive(b, now),
  };
}

export async function listBriefs(pool: pg.Pool, incidentId: string): Promise<BriefSummary[]> {
  const { rows } = await pool.query<BriefRow>(`SELECT ${BRIEF_COLUMNS} FROM responder_brief b WHERE b.incident_id = $1 ORDER BY b.created_at DESC`, [incidentId]);
  return rows.map((r) => briefSummary(r));
}

/** Namespace room of one brief's phones. */
export const briefRoom = (briefId: string) => `brief:${briefId}`;
export const BRIEF_NAMESPACE = '/brief';
