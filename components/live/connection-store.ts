import { createValueStore, type ValueStore } from './value-store';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Socket status as a tiny external store: only the indicator subscribes, so only it re-renders. */
export type ConnectionStore = ValueStore<ConnectionState>;

export function createConnectionStore(initial: ConnectionState = 'connecting'): ConnectionStore {
  return createValueStore(initial);
}
