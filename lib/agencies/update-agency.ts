import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { ZAgencyPatch, type AgencyDto } from '@/lib/domain/agency';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { assertCan } from '@/lib/policy/assert-can';
import { forgetAgency } from './agency-extent';
import { selectAgencies } from './agency-rows';
import { assertTimeZone } from './create-agency';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Rename an agency, change its zone or home view. A platform administrator may change any agency; an agency
 * admin only their own (the route passes their agency id).
 */
export async function updateAgency(pool: pg.Pool, user: SessionUser, agencyId: string, body: unknown, ip: string | null): Promise<AgencyDto> {
  assertCan(user, agencyId === user.agencyId ? 'admin.manage' : 'platform.manage');
  if (!UUID.test(agencyId)) throw new AppError('NOT_FOUND', 'No such agency');
  const parsed = ZAgencyPatch.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'agency');
  const p = parsed.data;
  assertTimeZone(p.timeZone);
  const out = await withTransaction(pool, async (client) => {
    const before = await client.query<{ name: string; time_zone: string }>('SELECT name, time_zone FROM agency WHERE id = $1 FOR UPDATE', [agencyId]);
    if (!before.rows[0]) throw new AppError('NOT_FOUND', 'No such agency');
    await client.query(
      `UPDATE agency SET name = coalesce($2, name), time_zone = coalesce($3, time_zone),
              home_lat = CASE WHEN $4 THEN $5 ELSE home_lat END, home_lon = CASE WHEN $4 THEN $6 ELSE home_lon END,
              home_zoom = CASE WHEN $4 THEN $7 ELSE home_zoom END, updated_at = now() WHERE id = $1`,
      [agencyId, p.name ?? null, p.timeZone ?? null, p.home !== undefined, p.home?.lat ?? null, p.home?.lon ?? null, p.home?.zoom ?? null],
    );
    await auditAdminChange(client, { user, ip, action: 'admin.agency.update', targetType: 'agency', targetId: agencyId, details: { before: before.rows[0], patch: p } });
    return (await selectAgencies(client, agencyId))[0]!;
  });
  forgetAgency(agencyId);
  return out;
}
