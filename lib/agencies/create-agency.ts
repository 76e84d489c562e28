import crypto from 'node:crypto';
import type pg from 'pg';
import { auditAdminChange } from '@/lib/audit/record';
import { hashPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session-user';
import { ZAgencyCreate, type AgencyDto } from '@/lib/domain/agency';
import { isTimeZone } from '@/lib/ingest/adapters/local-time';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { assertCan } from '@/lib/policy/assert-can';
import { temporaryPassword } from '@/lib/users/create-user';
import { selectAgencies } from './agency-rows';

export function assertTimeZone(tz: string | undefined, path = 'timeZone'): void {
  if (tz !== undefined && !isTimeZone(tz)) throw new AppError('BAD_REQUEST', `Invalid agency: ${path}: "${tz}" is not a known time zone`, [{ path, message: 'not an IANA time zone (e.g. America/Chicago)' }]);
}

/**
 * POST /api/platform/agencies: a new agency of this deployment (a regional centre hosts several) and, when asked,
 * its first administrator with a temporary password shown once. The agency starts empty: its admin adds sources,
 * users, its jurisdiction and districts.
 */
export async function createAgency(pool: pg.Pool, user: SessionUser, body: unknown, ip: string | null): Promise<{ agency: AgencyDto; admin: { username: string; temporaryPassword: string } | null }> {
  assertCan(user, 'platform.manage');
  const parsed = ZAgencyCreate.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'agency');
  const a = parsed.data;
  assertTimeZone(a.timeZone);
  const password = a.admin ? temporaryPassword() : null;
  const hash = password ? await hashPassword(password) : null;
  return withTransaction(pool, async (client) => {
    if ((await client.query('SELECT 1 FROM agency WHERE slug = $1', [a.slug])).rowCount) throw new AppError('CONFLICT', `An agency "${a.slug}" exists already`, [{ path: 'slug', message: 'already in use' }]);
    if (a.admin && (await client.query('SELECT 1 FROM app_user WHERE lower(username) = lower($1)', [a.admin.username])).rowCount) {
      throw new AppError('CONFLICT', `Username "${a.admin.username}" is taken`, [{ path: 'admin.username', message: 'already in use' }]);
    }
    const id = crypto.randomUUID();
    await client.query(
      'INSERT INTO agency (id, slug, name, time_zone, home_lat, home_lon, home_zoom) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, a.slug, a.name, a.timeZone, a.home?.lat ?? null, a.home?.lon ?? null, a.home?.zoom ?? null],
    );
    if (a.admin) {
      await client.query('INSERT INTO app_user (id, agency_id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)', [
        crypto.randomUUID(),
        id,
        a.admin.username,
        a.admin.displayName,
        'admin',
        hash,
      ]);
    }
    await auditAdminChange(client, { user, ip, action: 'admin.platform.agency_create', targetType: 'agency', targetId: id, details: { slug: a.slug, name: a.name, timeZone: a.timeZone, admin: a.admin?.username ?? null } });
    const [agency] = await selectAgencies(client, id);
    return { agency: agency!, admin: a.admin && password ? { username: a.admin.username, temporaryPassword: password } : null };
  });
}
