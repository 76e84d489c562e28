'use client';

import { createContext, use, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createConnectionStore, type ConnectionState, type ConnectionStore } from './connection-store';
import { publishDebug } from './debug-handle';
import { createEventStore, type EventStore, type EventStoreState } from './event-store';
import { onNextFrame } from './frame-scheduler';
import { openLiveConnection } from './live-connection';

interface LiveStores {
  events: EventStore;
  connection: ConnectionStore;
}

/**
 * The context carries two store objects that never change identity, so providing it re-renders
 * nothing; components subscribe to the slice they read through the hooks below.
 */
const LiveContext = createContext<LiveStores | null>(null);

/** One socket per tab: mount once, around everything that shows live data. */
export function SocketProvider({ children }: { children: ReactNode }) {
  const [stores] = useState<LiveStores>(() => ({
    events: createEventStore({ scheduleNotify: onNextFrame }),
    connection: createConnectionStore(),
  }));

  useEffect(() => {
    const { events } = stores;
    const unpublish = events.subscribe(() => publishDebug({ lastSeq: events.getState().lastSeq }));
    // Created in an effect (never during render) so a server render or a discarded render opens no
    // socket; StrictMode's mount–unmount–mount in dev just closes the first one.
    const close = openLiveConnection({
      ...stores,
      // A full page load, not a client navigation: it drops the in-memory events of the old session.
      onUnauthorized: () => window.location.assign('/login'),
    });
    return () => {
      close();
      unpublish();
    };
  }, [stores]);

  return <LiveContext value={stores}>{children}</LiveContext>;
}

export function useLiveStores(): LiveStores {
  const stores = use(LiveContext);
  if (!stores) throw new Error('useLiveStores must be used inside <SocketProvider>');
  return stores;
}

/**
 * Subscribe to one slice of the event store. The selector must return something stable for an
 * unchanged state (a field, or a primitive), or React would re-render on every notification.
 */
export function useEventStore<T>(selector: (state: EventStoreState) => T): T {
  const { events } = useLiveStores();
  const read = () => selector(events.getState());
  return useSyncExternalStore(events.subscribe, read, read);
}

export function useConnectionState(): ConnectionState {
  const { connection } = useLiveStores();
  return useSyncExternalStore(connection.subscribe, connection.get, getServerConnectionState);
}

export function useLastSeq(): string | null {
  return useEventStore(selectLastSeq);
}

const selectLastSeq = (state: EventStoreState) => state.lastSeq;
const getServerConnectionState = (): ConnectionState => 'connecting';
