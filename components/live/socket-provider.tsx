'use client';

import { createContext, use, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { reloadForCurrentConsole } from './reload-outdated';
import { createConnectionStore, type ConnectionState, type ConnectionStore } from './connection-store';
import { publishDebug } from './debug-handle';
import { createEventStore, type EventStore, type EventStoreState } from './event-store';
import { onNextFrame } from './frame-scheduler';
import { createIncidentStore, type IncidentStore, type IncidentStoreState } from './incident-store';
import { openLiveConnection, type LiveSocket } from './live-connection';
import { loadIncidentSnapshot } from './load-incidents';
import { attachNotices, createNoticeStore, type NoticeStore } from './notice-store';
import { createValueStore, type ValueStore } from './value-store';
import { createPresenceStore, type PresenceStore } from '@/components/presence/presence-store';
import { ZWallStateDto, type WallStateDto } from '@/lib/domain/wall';

interface LiveStores {
  events: EventStore;
  connection: ConnectionStore;
  incidents: IncidentStore;
  /** The agency's wall state; filled only under `<SocketProvider wall>` (the wall page). */
  wall: ValueStore<WallStateDto | null>;
  /** Rule `notify` actions received by this tab (newest first). */
  notices: NoticeStore;
  /** Who views and owns which incident, notes of joined incidents, mentions and hand-offs (components/presence). */
  presence: PresenceStore;
}

/**
 * The context carries two store objects that never change identity, so providing it re-renders
 * nothing; components subscribe to the slice they read through the hooks below.
 */
const LiveContext = createContext<LiveStores | null>(null);

/** One socket per tab: mount once, around everything that shows live data. */
export function SocketProvider({ children, wall = false, signInPath = '/login' }: { children: ReactNode; wall?: boolean; signInPath?: string }) {
  const [stores] = useState<LiveStores>(() => ({
    events: createEventStore({ scheduleNotify: onNextFrame }),
    connection: createConnectionStore(),
    incidents: createIncidentStore(),
    wall: createValueStore<WallStateDto | null>(null),
    notices: createNoticeStore(),
    presence: createPresenceStore(),
  }));

  useEffect(() => {
    const { events, incidents } = stores;
    const snapshot = new AbortController();
    const unpublish = events.subscribe(() => publishDebug({ lastSeq: events.getState().lastSeq }));
    const kinds: Record<string, number> = {};
    const uncount = events.onAccepted((batch) => {
      for (const e of batch) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
      publishDebug({ eventKinds: kinds });
    });
    // Created in an effect (never during render) so a server render or a discarded render opens no
    // socket; StrictMode's mount–unmount–mount in dev just closes the first one.
    const close = openLiveConnection({
      ...stores,
      // Incidents have no seq replay: after each (re)connect the REST snapshot fills what was missed.
      onSynced: () => void loadIncidentSnapshot(incidents, snapshot.signal),
      attach: (socket) => {
        attachNotices(socket, stores.notices);
        stores.presence.attach(socket);
        if (wall) attachWall(socket, stores.wall);
      },
      // A full page load, not a client navigation: it drops the in-memory events of the old session.
      onUnauthorized: () => window.location.assign(signInPath),
      onOutdated: reloadForCurrentConsole,
    });
    return () => {
      snapshot.abort();
      close();
      unpublish();
      uncount();
    };
  }, [stores, wall, signInPath]);

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

export function useIncidentStore<T>(selector: (state: IncidentStoreState) => T): T {
  const { incidents } = useLiveStores();
  const read = () => selector(incidents.getState());
  return useSyncExternalStore(incidents.subscribe, read, read);
}

export function useWallState(): WallStateDto | null {
  const { wall } = useLiveStores();
  return useSyncExternalStore(wall.subscribe, wall.get, getNull);
}

/** Join the wall room on every (re)connect; keep only the newest version of the state. */
function attachWall(socket: LiveSocket, store: ValueStore<WallStateDto | null>): void {
  const accept = (raw: unknown) => {
    const p = ZWallStateDto.safeParse(raw);
    if (!p.success) return;
    const cur = store.get();
    if (!cur || p.data.version >= cur.version) store.set(p.data);
  };
  socket.on('wall', accept);
  socket.on('connect', () => {
    socket.timeout(10_000).emit('wallJoin', (err, res) => {
      if (!err && res.ok) accept(res.state);
    });
  });
}

const getNull = () => null;
const selectLastSeq = (state: EventStoreState) => state.lastSeq;
const getServerConnectionState = (): ConnectionState => 'connecting';
