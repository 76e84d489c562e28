import type { LiveSocket } from '@/components/live/live-connection';
import { createListeners } from '@/components/live/listeners';
import { ZNoteDto, ZTeamNotice, ZWatchDto, type NoteDto, type TeamNotice, type WatchDto } from '@/lib/domain/teamwork';

export interface PresenceState {
  readonly version: number;
  /** Incidents someone views or owns; an incident absent here is unwatched and unowned. */
  readonly watches: ReadonlyMap<string, WatchDto>;
  /** Mentions, assignments and hand-offs for this user, newest first. */
  readonly notices: readonly TeamNotice[];
}

export interface PresenceStore {
  subscribe(listener: () => void): () => void;
  getState(): PresenceState;
  /** This tab shows the incident: join its room (again after every reconnect) until the returned cleanup. */
  join(incidentId: string): () => void;
  /** Notes pushed for incidents this tab has joined. */
  onNote(listener: (note: NoteDto) => void): () => void;
  dismissNotice(at: string): void;
  /** Wire the store to the tab's socket (SocketProvider does it once). */
  attach(socket: LiveSocket): void;
}

const MAX_NOTICES = 5;

/** The tab's view of who watches what (the `watch` topic), kept outside React like the other live stores. */
export function createPresenceStore(): PresenceStore {
  const listeners = createListeners();
  const noteListeners = createListeners<[note: NoteDto]>();
  const joined = new Map<string, number>();
  let socket: LiveSocket | null = null;
  let state: PresenceState = { version: 0, watches: new Map(), notices: [] };
  const commit = (next: Partial<PresenceState>) => {
    state = { ...state, ...next, version: state.version + 1 };
    listeners.emit();
  };
  const put = (watches: Map<string, WatchDto>, w: WatchDto) => {
    if (w.viewers.length || w.owner) watches.set(w.incidentId, w);
    else watches.delete(w.incidentId);
  };
  const emitJoin = (id: string) => socket?.connected && socket.emit('presenceJoin', { incidentId: id }, (res) => {
    if (res?.ok && res.watch) {
      const watches = new Map(state.watches);
      put(watches, res.watch);
      commit({ watches });
    }
  });

  return {
    subscribe: listeners.add,
    getState: () => state,
    join(id) {
      joined.set(id, (joined.get(id) ?? 0) + 1);
      if (joined.get(id) === 1) emitJoin(id);
      return () => {
        const n = (joined.get(id) ?? 1) - 1;
        if (n > 0) return void joined.set(id, n);
        joined.delete(id);
        if (socket?.connected) socket.emit('presenceLeave', { incidentId: id });
      };
    },
    onNote: noteListeners.add,
    dismissNotice(at) {
      commit({ notices: state.notices.filter((n) => n.at !== at) });
    },
    attach(s) {
      socket = s;
      s.on('connect', () => {
        for (const id of joined.keys()) emitJoin(id);
      });
      // After resume the socket is in its agencies' live rooms: the whole picture, then live `watch` changes.
      s.on('synced', () => {
        s.emit('presenceSync', (res) => {
          if (!res?.ok || !res.watches) return;
          const watches = new Map<string, WatchDto>();
          for (const raw of res.watches) {
            const p = ZWatchDto.safeParse(raw);
            if (p.success) put(watches, p.data);
          }
          commit({ watches });
        });
      });
      s.on('watch', (raw) => {
        const p = ZWatchDto.safeParse(raw);
        if (!p.success) return;
        const watches = new Map(state.watches);
        put(watches, p.data);
        commit({ watches });
      });
      s.on('incidentNote', (raw) => {
        const p = ZNoteDto.safeParse(raw);
        if (p.success) noteListeners.emit(p.data);
      });
      s.on('teamNotice', (raw) => {
        const p = ZTeamNotice.safeParse(raw);
        if (p.success) commit({ notices: [p.data, ...state.notices].slice(0, MAX_NOTICES) });
      });
    },
  };
}
