import type { Role } from '@/lib/domain/roles';
import { ACTION_ROLES, CROSS_AGENCY_SCOPE, type Action, type ShareScope } from './actions';

export interface Principal {
  id: string;
  role: Role;
  agencyId: string;
}

/** An active share as the policy sees it: `fromAgencyId` lets `toAgencyId` see `scope`. */
export interface ShareGrant {
  id: string;
  fromAgencyId: string;
  toAgencyId: string;
  scope: readonly ShareScope[];
  startsAt: Date;
  endsAt: Date | null;
  revokedAt: Date | null;
}

export interface Resource {
  /** The agency that owns the data. Absent: the user's own agency. */
  agencyId?: string | null;
}

export type Decision =
  | { allow: true; via: 'role' | 'share'; shareId?: string }
  | { allow: false; status: 401 | 403; reason: string };

/**
 * The one place that decides. Pure and synchronous: callers load the user's active share grants
 * (loadShareGrants) when the resource may belong to another agency.
 */
export function authorize(
  user: Principal | null,
  action: Action,
  resource: Resource = {},
  grants: readonly ShareGrant[] = [],
  now: Date = new Date(),
): Decision {
  if (!user) return { allow: false, status: 401, reason: 'Sign in first' };
  const roles: readonly Role[] = ACTION_ROLES[action];
  if (!roles.includes(user.role)) {
    return { allow: false, status: 403, reason: `Role ${user.role} may not ${action}` };
  }
  const owner = resource.agencyId ?? user.agencyId;
  if (owner === user.agencyId) return { allow: true, via: 'role' };
  const scope = CROSS_AGENCY_SCOPE[action];
  if (!scope) return { allow: false, status: 403, reason: `${action} is limited to your own agency` };
  const grant = grants.find((g) => g.fromAgencyId === owner && g.toAgencyId === user.agencyId && isActive(g, now) && g.scope.includes(scope));
  if (!grant) return { allow: false, status: 403, reason: `No active share from that agency grants ${scope}` };
  return { allow: true, via: 'share', shareId: grant.id };
}

export function isActive(g: ShareGrant, now: Date = new Date()): boolean {
  return !g.revokedAt && g.startsAt <= now && (!g.endsAt || g.endsAt > now);
}

/** Agencies whose data of `scope` the user may see now: their own plus every active share to them. */
export function visibleAgencies(user: Principal, scope: ShareScope, grants: readonly ShareGrant[], now = new Date()): string[] {
  const ids = new Set([user.agencyId]);
  for (const g of grants) if (g.toAgencyId === user.agencyId && isActive(g, now) && g.scope.includes(scope)) ids.add(g.fromAgencyId);
  return [...ids];
}
