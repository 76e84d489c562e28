import { ROLES, type Role } from '@/lib/domain/roles';

/** Roles a directory group may map to, strongest first: a user in several mapped groups gets the strongest. */
const GRANTABLE: readonly Role[] = ['admin', 'supervisor', 'detective', 'operator', 'partner_viewer'];

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the button: "Sign in with <displayName>". */
  displayName: string;
  /** Claim holding the user's groups/roles; a dotted path reaches nested claims (`realm_access.roles`). */
  roleClaim: string;
  /** Claim value → RTCC role. Empty: nobody gets in (no mapping, no access). */
  roleMap: Map<string, Role>;
  /** Agency (slug) directory users belong to. */
  agencySlug: string;
  /** Fixed redirect URI; unset: derived from the request's host. */
  redirectUri?: string;
  scopes: string;
}

/**
 * OIDC sign-in is on when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set. OIDC_ROLE_MAP reads
 * `directory-value=role,…` (e.g. `rtcc-detectives=detective,rtcc-admins=admin`); a malformed entry stops the start.
 */
export function oidcConfig(env: Record<string, string | undefined> = process.env): OidcConfig | null {
  const issuer = env.OIDC_ISSUER?.trim().replace(/\/+$/, '');
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  const roleMap = new Map<string, Role>();
  for (const pair of (env.OIDC_ROLE_MAP ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.lastIndexOf('=');
    const value = pair.slice(0, eq).trim();
    const role = pair.slice(eq + 1).trim() as Role;
    if (eq <= 0 || !value || !ROLES.includes(role) || !GRANTABLE.includes(role)) {
      throw new Error(`OIDC_ROLE_MAP: "${pair}" is not <directory value>=<role> with role one of ${GRANTABLE.join(', ')}`);
    }
    roleMap.set(value, role);
  }
  return {
    issuer,
    clientId,
    clientSecret,
    displayName: env.OIDC_DISPLAY_NAME?.trim() || 'agency directory',
    roleClaim: env.OIDC_ROLE_CLAIM?.trim() || 'groups',
    roleMap,
    agencySlug: env.OIDC_AGENCY?.trim() || 'sf-demo',
    redirectUri: env.OIDC_REDIRECT_URI?.trim() || undefined,
    scopes: env.OIDC_SCOPES?.trim() || 'openid profile email',
  };
}

/** The role the ID token's claims map to, or null (no mapped value: no access). */
export function mapRole(cfg: OidcConfig, claims: Record<string, unknown>): Role | null {
  let v: unknown = claims;
  for (const part of cfg.roleClaim.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
  const granted = new Set(values.map((x) => cfg.roleMap.get(x)).filter((r): r is Role => !!r));
  return GRANTABLE.find((r) => granted.has(r)) ?? null;
}
