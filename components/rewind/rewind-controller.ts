import { createValueStore } from '@/components/live/value-store';
import { rewindUrl } from '@/lib/search/purpose-client';
import { advance, chunkCount, chunkRange, chunksNeeded, chunkIndexAt, clamp, prefetchFor, TRAIL_MS, type Speed, type Window } from './rewind-math';
import { chunkFromColumns, type Chunk, type RewindColumns } from './rewind-frame';

/**
 * The map's time machine, outside React: which window is replayed, where the cursor is, whether it plays, and
 * the history fetched so far (a chunk at a time, around the cursor). The live socket is never touched: live
 * events keep flowing into the event store while the map shows the past, so "Live" returns to a complete picture.
 */
export type RewindState =
  | { mode: 'live' }
  | {
      mode: 'rewind';
      window: Window;
      cursor: number;
      playing: boolean;
      speed: Speed;
      /** The cursor waits for a chunk still being fetched. */
      buffering: boolean;
      error: string | null;
      /** Bumped when a chunk arrives, so the map recomposes even while paused. */
      dataVersion: number;
    };
export type Rewinding = Extract<RewindState, { mode: 'rewind' }>;

/** Keep at most this many chunks (a 6 h stretch): scrubbing across a long window must not grow without bound. */
const MAX_CHUNKS = 12;

export function createRewindController(fetchImpl: typeof fetch = (...a) => fetch(...a)) {
  const store = createValueStore<RewindState>({ mode: 'live' });
  const chunks = new Map<number, Chunk>();
  const inflight = new Map<number, AbortController>();
  let purpose: string | null = null;
  let frame = 0;
  let lastTick = 0;

  const cur = (): Rewinding | null => {
    const s = store.get();
    return s.mode === 'rewind' ? s : null;
  };
  const patch = (p: Partial<Rewinding>) => {
    const s = cur();
    if (s) store.set({ ...s, ...p });
  };

  /** The contiguous stretch from the cursor's trail onwards that is loaded: playback may run up to its end. */
  function loadedUntil(s: Rewinding): number {
    let i = chunkIndexAt(s.window, s.cursor);
    const last = chunkCount(s.window) - 1;
    if (!chunks.has(i)) return s.cursor;
    while (i < last && chunks.has(i + 1)) i++;
    return chunkRange(s.window, i).to;
  }

  async function load(i: number, w: Window): Promise<void> {
    if (chunks.has(i) || inflight.has(i) || !purpose) return;
    const ctl = new AbortController();
    inflight.set(i, ctl);
    const r = chunkRange(w, i);
    try {
      const res = await fetchImpl(rewindUrl(new Date(r.from), new Date(r.to), purpose), { signal: ctl.signal, cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
      }
      const chunk = chunkFromColumns((await res.json()) as RewindColumns);
      if (ctl.signal.aborted) return;
      chunks.set(i, chunk);
      evict(i);
      const s = cur();
      if (s) store.set({ ...s, error: null, dataVersion: s.dataVersion + 1 });
      ensureLoaded();
    } catch (err) {
      if (!ctl.signal.aborted) patch({ error: `History could not be loaded: ${err instanceof Error ? err.message : String(err)}`, playing: false });
    } finally {
      if (inflight.get(i) === ctl) inflight.delete(i);
    }
  }

  /** Drops the chunks farthest from the one just loaded. */
  function evict(near: number): void {
    if (chunks.size <= MAX_CHUNKS) return;
    const far = [...chunks.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near));
    for (const k of far.slice(0, chunks.size - MAX_CHUNKS)) chunks.delete(k);
  }

  function ensureLoaded(): void {
    const s = cur();
    if (!s || s.error) return;
    for (const i of chunksNeeded(s.window, s.cursor, prefetchFor(s.speed))) void load(i, s.window);
  }

  function tick(now: number): void {
    frame = 0;
    const s = cur();
    if (!s?.playing) return;
    const step = advance(s.cursor, now - lastTick, s.speed, s.window, loadedUntil(s));
    lastTick = now;
    store.set({ ...s, cursor: step.cursor, buffering: step.buffering, playing: !step.ended });
    ensureLoaded();
    if (!step.ended) frame = requestAnimationFrame(tick);
  }

  function stopClock(): void {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
  }

  function dropHistory(): void {
    for (const c of inflight.values()) c.abort();
    inflight.clear();
    chunks.clear();
  }

  const api = {
    store,
    /** The loaded chunks the trail at the cursor touches, oldest first. */
    visibleChunks(s: Rewinding): Chunk[] {
      const a = chunkIndexAt(s.window, s.cursor - TRAIL_MS);
      const b = chunkIndexAt(s.window, s.cursor);
      const out: Chunk[] = [];
      for (let i = a; i <= b; i++) {
        const c = chunks.get(i);
        if (c) out.push(c);
      }
      return out;
    },
    /** Starts (or restarts) a replay of `w` with the stated search purpose, paused at its start. */
    start(w: Window, statedPurpose: string, speed: Speed = 60): void {
      stopClock();
      dropHistory();
      purpose = statedPurpose;
      store.set({ mode: 'rewind', window: w, cursor: w.from, playing: false, speed, buffering: false, error: null, dataVersion: 0 });
      ensureLoaded();
    },
    play(): void {
      const s = cur();
      if (!s || s.playing) return;
      // Playing from the end starts over: the obvious wish after a replay ran out.
      const cursor = s.cursor >= s.window.to ? s.window.from : s.cursor;
      store.set({ ...s, cursor, playing: true, error: null });
      ensureLoaded();
      lastTick = performance.now();
      frame = requestAnimationFrame(tick);
    },
    pause(): void {
      stopClock();
      patch({ playing: false, buffering: false });
    },
    toggle(): void {
      const s = cur();
      if (!s) return;
      if (s.playing) api.pause();
      else api.play();
    },
    seek(t: number): void {
      const s = cur();
      if (!s) return;
      store.set({ ...s, cursor: clamp(t, s.window), error: null });
      ensureLoaded();
    },
    setSpeed(speed: Speed): void {
      patch({ speed });
      ensureLoaded();
    },
    /** Back to now: the live layers show again, with everything that arrived meanwhile. */
    goLive(): void {
      stopClock();
      dropHistory();
      store.set({ mode: 'live' });
    },
  };
  return api;
}

export type RewindController = ReturnType<typeof createRewindController>;

/** One console per tab: the bar, the keyboard and the map share this controller. */
export const rewind = createRewindController();
