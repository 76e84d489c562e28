import { createListeners } from './listeners';

/** A single value as a tiny external store (wall state, toasts): readers use useSyncExternalStore. */
export interface ValueStore<T> {
  subscribe(listener: () => void): () => void;
  get(): T;
  set(next: T): void;
}

export function createValueStore<T>(initial: T): ValueStore<T> {
  const listeners = createListeners();
  let value = initial;
  return {
    subscribe: listeners.add,
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      listeners.emit();
    },
  };
}
