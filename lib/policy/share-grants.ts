import type pg from 'pg';
import { SHARE_SCOPES, type ShareScope } from './actions';
import type { ShareGrant } from './authorize';

interface Row {
  id: string;
  from_agency_id: string;
  to_agency_id: string;
  scope: string[];
  starts_at: Date;
  ends_at: Date | null;
  revoked_at: Date | null;
}

/** Shares currently in force TO an agency (what its users may see of others). */
export async function loadShareGrants(pool: pg.Pool, toAgencyId: string): Promise<ShareGrant[]> {
  const { rows } = await pool.query<Row>(
    `SELECT id, from_agency_id, to_agency_id, scope, starts_at, ends_at, revoked_at FROM agency_share
      WHERE to_agency_id = $1 AND revoked_at IS NULL AND starts_at <= now() AND (ends_at IS NULL OR ends_at > now())`,
    [toAgencyId],
  );
  return rows.map((r) => ({
    id: r.id,
    fromAgencyId: r.from_agency_id,
    toAgencyId: r.to_agency_id,
    scope: r.scope.filter((s): s is ShareScope => (SHARE_SCOPES as readonly string[]).includes(s)),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    revokedAt: r.revoked_at,
  }));
}
