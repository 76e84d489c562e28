export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Socket status as a tiny external store: only the indicator subscribes, so only it re-renders. */
export interface ConnectionStore {
  subscribe(listener: () => void): () => void;
  get(): ConnectionState;
  set(next: ConnectionState): void;
}

export function createConnectionStore(initial: ConnectionState = 'connecting'): ConnectionStore {
  const listeners = new Set<() => void>();
  let state = initial;
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => state,
    set(next) {
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
  };
}
