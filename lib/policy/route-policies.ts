import type { Action } from './actions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RoutePolicy =
  /** Anyone, signed in or not (login, transparency). */
  | { kind: 'public' }
  /** A signed-in user whose role may do `action` (lib/policy/actions.ts). Anonymous → 401, other roles → 403. */
  | { kind: 'session'; action: Action }
  /** A data source with its API key (ingest). Browser sessions do not count. */
  | { kind: 'sourceKey' }
  /** A share-link token in the URL (attorneys): no session; the token itself is checked and audited. */
  | { kind: 'shareToken' };

export interface RouteEntry {
  method: HttpMethod;
  /** The App Router path without route groups: `/api/incidents/[id]`, `/admin/audit`. */
  path: string;
  policy: RoutePolicy;
}

const pub: RoutePolicy = { kind: 'public' };
const can = (action: Action): RoutePolicy => ({ kind: 'session', action });
const key: RoutePolicy = { kind: 'sourceKey' };
const tok: RoutePolicy = { kind: 'shareToken' };

/**
 * EVERY app/** route.ts method and page.tsx, with its policy. tests/integration/security/route-matrix.test.ts
 * fails when a file under app/ has no entry here, then checks each entry × each role against the real server.
 * Adding a route: add one line, keep the list sorted by path.
 */
export const ROUTE_POLICIES: readonly RouteEntry[] = [
  // Pages
  { method: 'GET', path: '/', policy: can('console.view') },
  { method: 'GET', path: '/account/mfa', policy: can('account.self') },
  { method: 'GET', path: '/admin', policy: can('admin.manage') },
  { method: 'GET', path: '/admin/audit', policy: can('audit.read') },
  { method: 'GET', path: '/admin/cameras', policy: can('admin.manage') },
  { method: 'GET', path: '/admin/geofences', policy: can('admin.manage') },
  { method: 'GET', path: '/admin/rules', policy: can('admin.manage') },
  { method: 'GET', path: '/admin/sources', policy: can('admin.manage') },
  { method: 'GET', path: '/admin/users', policy: can('admin.manage') },
  { method: 'GET', path: '/incidents/[id]', policy: can('incident.read') },
  { method: 'GET', path: '/cases', policy: can('case.read') },
  { method: 'GET', path: '/cases/[id]', policy: can('case.read') },
  { method: 'GET', path: '/investigate', policy: can('search.run') },
  { method: 'GET', path: '/login', policy: pub },
  { method: 'GET', path: '/transparency', policy: pub },
  { method: 'GET', path: '/wall', policy: can('wall.view') },
  { method: 'GET', path: '/wall/device', policy: pub },
  // Test-pattern HLS files (only with TEST_STREAMS=1; browsers reach them through the camera proxy)
  { method: 'GET', path: '/streams/[name]/[...path]', policy: pub },
  // Agency-to-agency shares
  { method: 'GET', path: '/api/agency-shares', policy: can('share.manage') },
  { method: 'POST', path: '/api/agency-shares', policy: can('share.manage') },
  { method: 'POST', path: '/api/agency-shares/[id]/revoke', policy: can('share.manage') },
  // Admin (ingest settings)
  { method: 'GET', path: '/api/admin/cameras', policy: can('admin.manage') },
  { method: 'POST', path: '/api/admin/cameras', policy: can('admin.manage') },
  { method: 'PUT', path: '/api/admin/cameras', policy: can('admin.manage') },
  { method: 'GET', path: '/api/admin/geofences', policy: can('admin.manage') },
  { method: 'POST', path: '/api/admin/geofences', policy: can('admin.manage') },
  { method: 'DELETE', path: '/api/admin/geofences/[id]', policy: can('admin.manage') },
  { method: 'PUT', path: '/api/admin/hotlists', policy: can('admin.manage') },
  { method: 'GET', path: '/api/admin/rules', policy: can('admin.manage') },
  { method: 'POST', path: '/api/admin/rules', policy: can('admin.manage') },
  { method: 'PUT', path: '/api/admin/rules/[id]', policy: can('admin.manage') },
  { method: 'DELETE', path: '/api/admin/rules/[id]', policy: can('admin.manage') },
  { method: 'GET', path: '/api/admin/sources', policy: can('admin.manage') },
  { method: 'POST', path: '/api/admin/sources', policy: can('admin.manage') },
  { method: 'PATCH', path: '/api/admin/sources/[id]', policy: can('admin.manage') },
  { method: 'PUT', path: '/api/admin/sources/[id]/code-map', policy: can('admin.manage') },
  { method: 'POST', path: '/api/admin/sources/[id]/hmac-secret', policy: can('admin.manage') },
  { method: 'DELETE', path: '/api/admin/sources/[id]/hmac-secret', policy: can('admin.manage') },
  { method: 'PUT', path: '/api/admin/sources/[id]/jurisdiction', policy: can('admin.manage') },
  { method: 'DELETE', path: '/api/admin/sources/[id]/jurisdiction', policy: can('admin.manage') },
  { method: 'POST', path: '/api/admin/sources/[id]/rotate-key', policy: can('admin.manage') },
  { method: 'GET', path: '/api/admin/users', policy: can('admin.manage') },
  { method: 'POST', path: '/api/admin/users', policy: can('admin.manage') },
  { method: 'PATCH', path: '/api/admin/users/[id]', policy: can('admin.manage') },
  { method: 'POST', path: '/api/admin/users/[id]/reset-mfa', policy: can('admin.manage') },
  { method: 'POST', path: '/api/admin/users/[id]/unlock', policy: can('admin.manage') },
  // Audit
  { method: 'GET', path: '/api/audit', policy: can('audit.read') },
  { method: 'GET', path: '/api/audit/verify', policy: can('audit.read') },
  // Auth
  { method: 'POST', path: '/api/auth/device', policy: pub },
  { method: 'POST', path: '/api/auth/login', policy: pub },
  { method: 'POST', path: '/api/auth/logout', policy: pub },
  { method: 'POST', path: '/api/auth/mfa/confirm', policy: can('account.self') },
  { method: 'POST', path: '/api/auth/mfa/enroll', policy: can('account.self') },
  // Directory (OIDC) sign-in: before any session exists; state, PKCE and the sealed pending-MFA cookie are the checks
  { method: 'GET', path: '/api/auth/oidc/callback', policy: pub },
  { method: 'POST', path: '/api/auth/oidc/mfa', policy: pub },
  { method: 'GET', path: '/api/auth/oidc/start', policy: pub },
  // Cameras
  { method: 'GET', path: '/api/cameras', policy: can('camera.list') },
  { method: 'GET', path: '/api/units', policy: can('console.view') },
  { method: 'GET', path: '/api/cameras/[id]/stream/[...path]', policy: can('video.live') },
  // Cases and evidence
  { method: 'GET', path: '/api/cases', policy: can('case.read') },
  { method: 'POST', path: '/api/cases', policy: can('case.write') },
  { method: 'GET', path: '/api/cases/[id]', policy: can('case.read') },
  { method: 'POST', path: '/api/cases/[id]/events', policy: can('case.write') },
  { method: 'POST', path: '/api/cases/[id]/clips', policy: can('case.write') },
  { method: 'POST', path: '/api/cases/[id]/shares', policy: can('case.write') },
  { method: 'POST', path: '/api/cases/[id]/shares/[shareId]/revoke', policy: can('case.write') },
  { method: 'POST', path: '/api/cases/[id]/items', policy: can('case.write') },
  { method: 'GET', path: '/api/cases/[id]/items/[itemId]/download', policy: can('case.read') },
  { method: 'POST', path: '/api/cases/[id]/notes', policy: can('case.write') },
  { method: 'POST', path: '/api/cases/[id]/verify', policy: can('case.read') },
  { method: 'POST', path: '/api/cases/[id]/footage-requests', policy: can('case.write') },
  // Community cameras: residents register without an account; owners answer footage requests by e-mailed token
  { method: 'GET', path: '/community/register', policy: pub },
  { method: 'POST', path: '/api/community/cameras', policy: pub },
  { method: 'POST', path: '/api/community/cameras/[id]/decision', policy: can('share.manage') },
  { method: 'GET', path: '/community/footage/[token]', policy: tok },
  { method: 'POST', path: '/api/community/footage/[token]/answer', policy: tok },
  { method: 'POST', path: '/api/community/footage/[token]/upload', policy: tok },
  // Attorney share links: the token is the key (no session)
  { method: 'GET', path: '/share/[token]', policy: tok },
  { method: 'GET', path: '/api/share/[token]/package.zip', policy: tok },
  { method: 'POST', path: '/api/share/[token]/unlock', policy: tok },
  // Health and API description (no data)
  { method: 'GET', path: '/api/openapi.json', policy: pub },
  { method: 'GET', path: '/api/health', policy: pub },
  { method: 'GET', path: '/api/ready', policy: pub },
  // Incidents (correlator output, operator workflow)
  { method: 'GET', path: '/api/incidents', policy: can('incident.read') },
  { method: 'GET', path: '/api/incidents/[id]', policy: can('incident.read') },
  { method: 'POST', path: '/api/incidents/[id]/acknowledge', policy: can('incident.update') },
  { method: 'POST', path: '/api/incidents/[id]/assign', policy: can('incident.update') },
  { method: 'POST', path: '/api/incidents/[id]/close', policy: can('incident.update') },
  { method: 'POST', path: '/api/incidents/[id]/escalate', policy: can('incident.update') },
  // Ingest (API keys)
  { method: 'GET', path: '/api/ingest/avl/osmand', policy: key },
  { method: 'POST', path: '/api/ingest/avl/osmand', policy: key },
  { method: 'POST', path: '/api/ingest/avl', policy: key },
  { method: 'POST', path: '/api/ingest/cad', policy: key },
  { method: 'POST', path: '/api/ingest/cameras', policy: key },
  { method: 'POST', path: '/api/ingest/cameras/heartbeat', policy: key },
  { method: 'POST', path: '/api/ingest/cap', policy: key },
  { method: 'POST', path: '/api/ingest/eido', policy: key },
  { method: 'POST', path: '/api/ingest/events', policy: key },
  { method: 'POST', path: '/api/ingest/gunshot', policy: key },
  { method: 'POST', path: '/api/ingest/lpr', policy: key },
  // Search (purpose-bound, audited)
  { method: 'GET', path: '/api/search', policy: can('search.run') },
  { method: 'GET', path: '/api/search/calls', policy: can('search.run') },
  { method: 'GET', path: '/api/search/export.csv', policy: can('export.create') },
  { method: 'GET', path: '/api/search/rewind', policy: can('search.run') },
  // Video wall
  { method: 'GET', path: '/api/wall', policy: can('wall.view') },
  { method: 'POST', path: '/api/wall', policy: can('wall.control') },
  { method: 'GET', path: '/api/wall/presets', policy: can('wall.view') },
  { method: 'POST', path: '/api/wall/presets', policy: can('wall.control') },
  { method: 'DELETE', path: '/api/wall/presets/[id]', policy: can('wall.control') },
  { method: 'POST', path: '/api/wall/presets/[id]/load', policy: can('wall.control') },
];

/** Does `/api/incidents/123` match `/api/incidents/[id]`? Catch-alls `[...x]` / `[[...x]]` take the rest. */
export function pathMatches(pattern: string, pathname: string): boolean {
  const p = pattern.split('/').filter(Boolean);
  const a = pathname.split('/').filter(Boolean);
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (/^\[\[?\.\.\./.test(seg)) return seg.startsWith('[[') || a.length > i;
    if (a[i] === undefined) return false;
    if (!(seg.startsWith('[') && seg.endsWith(']')) && seg !== a[i]) return false;
  }
  return p.length === a.length;
}

/** The registered policy for a request, or undefined (unregistered: the matrix test fails on it). */
export function findRoutePolicy(method: string, pathname: string): RouteEntry | undefined {
  const m = method.toUpperCase();
  // Static segments win over dynamic ones, as in the App Router.
  const candidates = ROUTE_POLICIES.filter((r) => r.method === m && pathMatches(r.path, pathname));
  return candidates.sort((x, y) => y.path.replace(/\[[^\]]+\]/g, '').length - x.path.replace(/\[[^\]]+\]/g, '').length)[0];
}

/** Socket.IO events and the action each one needs. The connection itself requires a session. */
export const SOCKET_POLICIES = {
  resume: 'live.subscribe',
  wallJoin: 'wall.view',
} as const satisfies Record<string, Action>;
