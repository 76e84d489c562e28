/** A single value as a tiny external store (wall state, toasts): readers use useSyncExternalStore. */
export interface ValueStore<T> {
  subscribe(listener: () => void): () => void;
  get(): T;
  set(next: T): void;
}

export function createValueStore<T>(initial: T): ValueStore<T> {
  const listeners = new Set<() => void>();
  let value = initial;
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const l of listeners) l();
    },
  };
}
