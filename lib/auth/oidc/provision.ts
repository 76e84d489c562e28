import crypto from 'node:crypto';
import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import type { Role } from '@/lib/domain/roles';
import { AppError } from '@/lib/platform/errors/app-error';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { mapRole, type OidcConfig } from './config';
import type { IdTokenClaims } from './id-token';

export interface DirectoryUser {
  id: string;
  username: string;
  agencyId: string;
  role: Role;
  created: boolean;
}

/** No password can match this hash: directory users sign in through their provider only. */
const NO_PASSWORD = '!oidc';

/**
 * The RTCC user for a verified ID token, found by (issuer, sub) only — never by user name or e-mail, so a directory
 * account cannot take over a local one. First sign-in creates the user in the configured agency; every sign-in
 * sets the role from the claim mapping (the directory is the source of truth). No mapped value: 403, audited.
 */
export async function provisionDirectoryUser(pool: pg.Pool, cfg: OidcConfig, claims: IdTokenClaims, ip: string | null): Promise<DirectoryUser> {
  const role = mapRole(cfg, claims);
  const label = `oidc:${String(claims.preferred_username ?? claims.email ?? claims.sub).slice(0, 90)}`;
  if (!role) {
    await audit(pool, {
      actorLabel: label,
      action: 'auth.login',
      targetType: 'identity',
      targetId: claims.sub.slice(0, 200),
      ip,
      outcome: 'deny',
      details: { method: 'oidc', reason: 'no role mapping', claim: cfg.roleClaim },
    });
    throw new AppError(
      'FORBIDDEN',
      `Your ${cfg.displayName} account has no RTCC role: none of its "${cfg.roleClaim}" values is mapped to one. Ask your administrator to add you to a mapped group.`,
    );
  }
  return withTransaction(pool, async (client) => {
    const agency = await client.query<{ id: string }>('SELECT id FROM agency WHERE slug = $1', [cfg.agencySlug]);
    const agencyId = agency.rows[0]?.id;
    if (!agencyId) throw new AppError('UNAVAILABLE', `OIDC_AGENCY "${cfg.agencySlug}" does not exist`);
    // Serialise first sign-ins of one subject (two tabs): the second finds the identity the first created.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`oidc:${cfg.issuer}:${claims.sub}`]);
    const found = await client.query<{ id: string; username: string; agency_id: string; role: Role; disabled: boolean }>(
      `SELECT u.id, u.username, u.agency_id, u.role, u.disabled FROM user_identity i JOIN app_user u ON u.id = i.user_id
        WHERE i.issuer = $1 AND i.subject = $2`,
      [cfg.issuer, claims.sub],
    );
    const name = String(claims.name ?? claims.preferred_username ?? claims.email ?? claims.sub).slice(0, 200);
    const existing = found.rows[0];
    if (existing) {
      if (existing.disabled) {
        // On the pool, not the client: the refusal is recorded although this transaction rolls back.
        const actor = { id: existing.id, username: existing.username, agencyId: existing.agency_id };
        await audit(pool, { actor, action: 'auth.login', targetType: 'user', targetId: existing.id, ip, outcome: 'deny', details: { method: 'oidc', reason: 'user disabled' } });
        throw new AppError('FORBIDDEN', 'This RTCC account is disabled');
      }
      await client.query('UPDATE user_identity SET last_login_at = now() WHERE issuer = $1 AND subject = $2', [cfg.issuer, claims.sub]);
      if (existing.role !== role) {
        await client.query('UPDATE app_user SET role = $2, display_name = $3 WHERE id = $1', [existing.id, role, name]);
        await audit(client, {
          actor: { id: existing.id, username: existing.username, agencyId: existing.agency_id },
          action: 'auth.oidc.role_change',
          targetType: 'user',
          targetId: existing.id,
          ip,
          outcome: 'allow',
          details: { from: existing.role, to: role, claim: cfg.roleClaim },
        });
      }
      return { id: existing.id, username: existing.username, agencyId: existing.agency_id, role, created: false };
    }
    const id = crypto.randomUUID();
    // User names are unique across local and directory users: a taken name gets a suffix from the subject.
    const taken = (await client.query('SELECT 1 FROM app_user WHERE lower(username) = lower($1)', [label])).rowCount;
    const username = taken ? `${label}-${crypto.createHash('sha256').update(claims.sub).digest('hex').slice(0, 8)}` : label;
    await client.query(
      `INSERT INTO app_user (id, agency_id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, agencyId, username, name, role, NO_PASSWORD],
    );
    await client.query('INSERT INTO user_identity (issuer, subject, user_id, last_login_at) VALUES ($1, $2, $3, now())', [cfg.issuer, claims.sub, id]);
    await audit(client, {
      actor: { id, username, agencyId },
      action: 'auth.oidc.provision',
      targetType: 'user',
      targetId: id,
      ip,
      outcome: 'allow',
      details: { issuer: cfg.issuer, subject: claims.sub, role },
    });
    return { id, username, agencyId, role, created: true };
  });
}
