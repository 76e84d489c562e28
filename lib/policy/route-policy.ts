import type { Action } from './actions';

/** Who may call a route. The route wrapper (lib/api) enforces it; the route × role matrix test reads it. */
export type RoutePolicy =
  /** Anyone, signed in or not (login, transparency, health). */
  | { kind: 'public' }
  /** A signed-in user whose role may do `action` (actions.ts). Anonymous → 401, other roles → 403 + audit row. */
  | { kind: 'session'; action: Action }
  /** A data source with its API key (ingest doors). Browser sessions do not count. */
  | { kind: 'sourceKey' }
  /** A capability token in the URL (share links, community footage requests): no session; the token is checked and audited. */
  | { kind: 'shareToken' };

export type SessionPolicy = Extract<RoutePolicy, { kind: 'session' }>;

export const pub = { kind: 'public' } as const satisfies RoutePolicy;
export const sourceKey = { kind: 'sourceKey' } as const satisfies RoutePolicy;
export const shareToken = { kind: 'shareToken' } as const satisfies RoutePolicy;
export const can = (action: Action): SessionPolicy => ({ kind: 'session', action });
