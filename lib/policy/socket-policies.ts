import type { Action } from './actions';

/** Socket.IO events and the action each one needs (the connection itself needs a session). The gateway and the matrix test read this. */
export const SOCKET_POLICIES = {
  resume: 'live.subscribe',
  wallJoin: 'wall.view',
} as const satisfies Record<string, Action>;
