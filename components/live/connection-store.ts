import { createValueStore, type ValueStore } from './value-store';

/** `outdated`: the server speaks a newer live protocol (a deploy); the page reloads itself, or says so if it cannot. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'outdated';

/** Socket status as a tiny external store: only the indicator subscribes, so only it re-renders. */
export type ConnectionStore = ValueStore<ConnectionState>;

export function createConnectionStore(initial: ConnectionState = 'connecting'): ConnectionStore {
  return createValueStore(initial);
}
