import type pg from 'pg';
import { HEARTBEAT_TIMEOUT_MS } from '@/lib/ingest/adapters/camera-registry';

export interface AdminSummary {
  sources: { total: number; disabled: number };
  cameras: { total: number; online: number };
  geofences: number;
  rules: { total: number; enabled: number };
  users: { total: number; locked: number; withoutMfa: number };
}

/** The counts on the admin overview, one round trip. "Online" follows the same 5-minute heartbeat rule as the console. */
export async function getAdminSummary(pool: pg.Pool, agencyId: string): Promise<AdminSummary> {
  const { rows } = await pool.query<Record<string, string>>(
    `SELECT
       (SELECT count(*) FROM source WHERE agency_id = $1) AS sources,
       (SELECT count(*) FROM source WHERE agency_id = $1 AND NOT enabled) AS sources_disabled,
       (SELECT count(*) FROM camera WHERE agency_id = $1) AS cameras,
       (SELECT count(*) FROM camera WHERE agency_id = $1 AND status = 'online' AND last_seen_at > now() - make_interval(secs => $2)) AS cameras_online,
       (SELECT count(*) FROM geofence WHERE agency_id = $1) AS geofences,
       (SELECT count(*) FROM rule WHERE agency_id = $1) AS rules,
       (SELECT count(*) FROM rule WHERE agency_id = $1 AND enabled) AS rules_enabled,
       (SELECT count(*) FROM app_user WHERE agency_id = $1 AND role <> 'wall_device') AS users,
       (SELECT count(*) FROM app_user u JOIN login_throttle t ON t.username = lower(u.username)
         WHERE u.agency_id = $1 AND t.locked_until > now()) AS users_locked,
       (SELECT count(*) FROM app_user u WHERE u.agency_id = $1 AND u.role <> 'wall_device' AND NOT u.disabled
           AND NOT EXISTS (SELECT 1 FROM user_mfa m WHERE m.user_id = u.id AND m.enabled)) AS users_without_mfa`,
    [agencyId, HEARTBEAT_TIMEOUT_MS / 1000],
  );
  const n = (k: string) => Number(rows[0]?.[k] ?? 0);
  return {
    sources: { total: n('sources'), disabled: n('sources_disabled') },
    cameras: { total: n('cameras'), online: n('cameras_online') },
    geofences: n('geofences'),
    rules: { total: n('rules'), enabled: n('rules_enabled') },
    users: { total: n('users'), locked: n('users_locked'), withoutMfa: n('users_without_mfa') },
  };
}
