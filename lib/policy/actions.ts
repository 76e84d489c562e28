import type { Role } from '@/lib/domain/roles';

/** A platform administrator is also an administrator of their own agency: every `admin` row holds both. */
const ADMINS = ['admin', 'platform_admin'] as const satisfies readonly Role[];
const HUMANS = ['operator', 'supervisor', 'detective', ...ADMINS, 'partner_viewer'] as const satisfies readonly Role[];
const STAFF = ['operator', 'supervisor', 'detective', ...ADMINS] as const satisfies readonly Role[];
const WATCHERS = [...HUMANS, 'wall_device'] as const satisfies readonly Role[];
const INVESTIGATORS = ['detective', 'supervisor', ...ADMINS] as const satisfies readonly Role[];

/**
 * Which roles may do what, in one table. Add an action here before a route uses it; the route declarations
 * (app/api/registry.ts), the pages (page-policies.ts) and the matrix test read the same table.
 */
export const ACTION_ROLES = {
  /** The live console: map, feed, incident list. */
  'console.view': WATCHERS,
  /** The live socket (resume / live rooms). */
  'live.subscribe': WATCHERS,
  'incident.read': WATCHERS,
  /** Acknowledge, assign, close, annotate incidents. */
  'incident.update': ['operator', 'supervisor', ...ADMINS],
  /** Download (or print) one incident's full report: an export of its data, audited. */
  'incident.report': STAFF,
  /** Send a responding unit a brief (a capability link for a phone), and revoke it. */
  'brief.manage': ['operator', 'supervisor', ...ADMINS],
  /** Flag a hazard at a premise (shown to responders sent near it). */
  'hazard.manage': ['operator', 'supervisor', ...ADMINS],
  /** The supervisor dashboard and shift report (aggregates, drill-down to the incidents behind them). */
  'dashboard.view': ['supervisor', ...ADMINS],
  'camera.list': WATCHERS,
  'video.live': WATCHERS,
  'video.recorded': [...INVESTIGATORS, 'partner_viewer'],
  'wall.view': WATCHERS,
  'wall.control': ['operator', 'supervisor', ...ADMINS],
  /** Pan, tilt, zoom and presets of a PTZ camera (own agency only; each command audited and rate-limited). */
  'camera.ptz': ['operator', 'supervisor', ...ADMINS],
  /** Search of people, plates, phones or history: needs a stated purpose too (lib/policy/search-purpose.ts). */
  'search.run': INVESTIGATORS,
  'export.create': INVESTIGATORS,
  'case.read': INVESTIGATORS,
  'case.write': INVESTIGATORS,
  /** See caller name and number on CAD/911 events (others get them masked). */
  'caller.identity': STAFF,
  'share.manage': ['supervisor', ...ADMINS],
  'rule.manage': ['supervisor', ...ADMINS],
  'admin.manage': ADMINS,
  'audit.read': ADMINS,
  /** The deployment itself: create and rename agencies, give each its first administrator. */
  'platform.manage': ['platform_admin'],
  /** Own account: MFA enrolment, password change. Devices have no account to manage. */
  'account.self': HUMANS,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTION_ROLES;

export const ACTIONS = Object.keys(ACTION_ROLES) as Action[];

/** Scope of an agency share: what one agency lets another see. */
export const SHARE_SCOPES = ['layers', 'cameras', 'live', 'recorded'] as const;
export type ShareScope = (typeof SHARE_SCOPES)[number];

/**
 * The share scope that lets a user act on ANOTHER agency's resource. Actions absent here never cross agencies
 * (no share lets a partner change an incident, search history or administer anything).
 */
export const CROSS_AGENCY_SCOPE: Partial<Record<Action, ShareScope>> = {
  'console.view': 'layers',
  'live.subscribe': 'layers',
  'incident.read': 'layers',
  'camera.list': 'cameras',
  'video.live': 'live',
  'video.recorded': 'recorded',
  'wall.view': 'layers',
};

export function rolesFor(action: Action): readonly Role[] {
  return ACTION_ROLES[action];
}
