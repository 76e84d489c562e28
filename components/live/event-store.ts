import { KIND_COLOR, isEventDto, type EventDto } from '@/lib/domain/event';

/**
 * The browser's copy of the live event stream, outside React.
 *
 * Two views of the same stream, each shaped for its reader:
 * - the map: a ring buffer of the newest `mapCapacity` located events as typed arrays that deck.gl
 *   uploads to the GPU as-is (no per-event objects, no GeoJSON);
 * - the feed: the newest `feedSize` EventDto, newest first, as an immutable array.
 *
 * Unit positions (`avl`) reach the `onAccepted` listeners (the unit layer) but neither view: a fleet reporting
 * every few seconds would bury the feed and paint trails and heat where units drive, not where things happen.
 *
 * The typed arrays are the one deliberate mutation: they are written in place (O(batch), never
 * reallocated) and their change is announced by `version`. Everything else is an immutable
 * snapshot replaced per batch, so `useSyncExternalStore` selectors compare by identity.
 */

export interface MapBuffers {
  /** [lon, lat] per slot. */
  readonly positions: Float32Array;
  /** RGBA per slot. */
  readonly colors: Uint8Array;
  /** occurredAt per slot, epoch ms (the heatmap's "last N hours"). */
  readonly times: Float64Array;
  /** The event drawn in each slot: the map's hover and click say what a dot is. */
  readonly events: (EventDto | undefined)[];
  readonly capacity: number;
}

export interface EventStoreState {
  /** Bumped once per batch that changed anything; the map layer keys its update on it. */
  readonly version: number;
  /** Highest seq applied, sent on every (re)connect so the server replays only the gap. */
  readonly lastSeq: string | null;
  /** Newest first. */
  readonly feed: readonly EventDto[];
  /** Filled slots of the ring (≤ capacity). */
  readonly mapLength: number;
  /** Next slot to write. */
  readonly mapHead: number;
  /** Located events written into the ring since it was last emptied (the map draws only the newest slots). */
  readonly mapWritten: number;
  /** Events dropped as malformed since the store was created (visible for diagnostics). */
  readonly rejected: number;
}

export interface EventStore {
  subscribe(listener: () => void): () => void;
  getState(): EventStoreState;
  readonly map: MapBuffers;
  /** Applies one ascending batch; returns how many events were new. */
  applyBatch(events: readonly unknown[]): number;
  /** Forget everything: used when the server's log went backwards (database restored or reset). */
  reset(): void;
  /** Called synchronously with each batch's new events (oldest first): unit positions follow AVL events from here. */
  onAccepted(listener: (events: readonly EventDto[]) => void): () => void;
}

export interface EventStoreOptions {
  mapCapacity?: number;
  feedSize?: number;
  /**
   * How listeners are called after a change. Default: synchronously. The socket provider passes a
   * per-animation-frame scheduler so a replay of dozens of batches costs one React render and one GPU
   * upload per frame, not one per batch.
   */
  scheduleNotify?: (notify: () => void) => void;
}

const ALPHA = 230;

const EMPTY: EventStoreState = { version: 0, lastSeq: null, feed: [], mapLength: 0, mapHead: 0, mapWritten: 0, rejected: 0 };

export function createEventStore(options: EventStoreOptions = {}): EventStore {
  const capacity = options.mapCapacity ?? 100_000;
  const feedSize = options.feedSize ?? 200;
  const scheduleNotify = options.scheduleNotify ?? ((notify) => notify());
  const map: MapBuffers = {
    positions: new Float32Array(capacity * 2),
    colors: new Uint8Array(capacity * 4),
    times: new Float64Array(capacity),
    events: [],
    capacity,
  };
  const listeners = new Set<() => void>();
  const acceptedListeners = new Set<(events: readonly EventDto[]) => void>();
  let state = EMPTY;
  // Kept as a bigint beside the string so each incoming seq costs one BigInt parse, not two.
  let lastSeqBig = -1n;
  let notifyPending = false;

  function notify(): void {
    if (notifyPending) return;
    notifyPending = true;
    scheduleNotify(() => {
      notifyPending = false;
      for (const listener of listeners) listener();
    });
  }

  function applyBatch(events: readonly unknown[]): number {
    const accepted: EventDto[] = [];
    const shown: EventDto[] = [];
    let rejected = 0;
    let head = state.mapHead;
    let length = state.mapLength;
    let written = state.mapWritten;
    let last = lastSeqBig;
    for (const raw of events) {
      // A trust boundary: an unknown kind would have no colour and a bad seq would break ordering.
      const seq = isEventDto(raw) ? parseSeq(raw.seq) : null;
      if (seq === null) {
        rejected++;
        continue;
      }
      // Replays and live pushes can overlap around a reconnect: anything not newer is a duplicate.
      if (seq <= last) continue;
      last = seq;
      const event = raw as EventDto;
      accepted.push(event);
      if (event.kind === 'avl') continue;
      shown.push(event);
      if (event.lat === null || event.lon === null) continue;
      const [r, g, b] = KIND_COLOR[event.kind];
      map.positions[head * 2] = event.lon;
      map.positions[head * 2 + 1] = event.lat;
      const c = head * 4;
      map.colors[c] = r;
      map.colors[c + 1] = g;
      map.colors[c + 2] = b;
      map.colors[c + 3] = ALPHA;
      map.times[head] = Date.parse(event.occurredAt);
      map.events[head] = event;
      head = (head + 1) % capacity;
      written++;
      if (length < capacity) length++;
    }
    if (accepted.length === 0 && rejected === 0) return 0;
    if (accepted.length) for (const l of acceptedListeners) l(accepted);
    const newest = shown.length > feedSize ? shown.slice(-feedSize) : shown;
    lastSeqBig = last;
    state = {
      version: state.version + 1,
      lastSeq: last < 0n ? null : last.toString(),
      feed: newest.length ? newest.reverse().concat(state.feed.slice(0, feedSize - newest.length)) : state.feed,
      mapLength: length,
      mapHead: head,
      mapWritten: written,
      rejected: state.rejected + rejected,
    };
    notify();
    return accepted.length;
  }

  return {
    map,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
    applyBatch,
    onAccepted(listener) {
      acceptedListeners.add(listener);
      return () => acceptedListeners.delete(listener);
    },
    reset() {
      lastSeqBig = -1n;
      // Slots beyond mapLength are never drawn, so the typed arrays need no clearing.
      state = { ...EMPTY, version: state.version + 1, rejected: state.rejected };
      notify();
    },
  };
}

function parseSeq(seq: string): bigint | null {
  return /^\d{1,20}$/.test(seq) ? BigInt(seq) : null;
}
