import type { Action } from './actions';

/** Socket.IO events and the action each one needs (the connection itself needs a session). The gateway and the matrix test read this. */
export const SOCKET_POLICIES = {
  resume: 'live.subscribe',
  wallJoin: 'wall.view',
  /** Join an incident's room: who is viewing it, its notes pushed live (the incident's agency, or a share). */
  presenceJoin: 'incident.read',
} as const satisfies Record<string, Action>;
