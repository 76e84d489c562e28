import type { Action } from './actions';
import { can, pub, shareToken, type RoutePolicy, type SessionPolicy } from './route-policy';

/**
 * Every page (app/**\/page.tsx) and who may open it, once. A gated page calls requirePageUser('<its path>'), which
 * reads its action here; the route × role matrix test fails when a page is missing or stale.
 */
export const PAGE_POLICIES = {
  '/': can('console.view'),
  '/account/mfa': can('account.self'),
  '/account/password': can('account.self'),
  '/admin': can('admin.manage'),
  '/admin/audit': can('audit.read'),
  '/admin/cameras': can('admin.manage'),
  '/admin/geofences': can('admin.manage'),
  '/admin/rules': can('rule.manage'),
  '/admin/sources': can('admin.manage'),
  '/admin/sources/[id]': can('admin.manage'),
  '/admin/agency': can('admin.manage'),
  '/admin/agencies': can('platform.manage'),
  '/admin/hotlists': can('admin.manage'),
  '/admin/wall-devices': can('admin.manage'),
  '/admin/shares': can('share.manage'),
  // Community camera decisions follow share.manage (lib/evidence/community/approve-camera.ts).
  '/admin/community': can('share.manage'),
  '/admin/users': can('admin.manage'),
  '/brief/[token]': shareToken,
  '/cases': can('case.read'),
  '/cases/[id]': can('case.read'),
  '/community/footage/[token]': shareToken,
  '/community/register': pub,
  '/dashboard': can('dashboard.view'),
  '/dashboard/report': can('dashboard.view'),
  '/incidents/[id]': can('incident.read'),
  '/investigate': can('search.run'),
  '/login': pub,
  '/share/[token]': shareToken,
  '/transparency': pub,
  '/wall': can('wall.view'),
  '/wall/device': pub,
} as const satisfies Record<string, RoutePolicy>;

export type PagePath = keyof typeof PAGE_POLICIES;
/** Pages that need a signed-in user. */
export type GatedPage = { [K in PagePath]: (typeof PAGE_POLICIES)[K] extends SessionPolicy ? K : never }[PagePath];

export function pageAction(path: GatedPage): Action {
  return (PAGE_POLICIES[path] as SessionPolicy).action;
}
