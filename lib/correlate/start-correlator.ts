import type pg from 'pg';
import type { Runtime } from '@/lib/platform/runtime';

/** What the correlator needs from the runtime (tests and benchmarks build just this). */
/** `env` (the outbound-address policy) is needed only by slew-to-cue, which talks to cameras. */
export type CorrelatorRuntime = Pick<Runtime, 'pool' | 'bus' | 'io'> & Partial<Pick<Runtime, 'env'>>;
import { DEFAULT_ENGINE_CONFIG, Engine, type BatchOutput, type EngineConfig } from './engine';
import { INCIDENT_CHANGED_CHANNEL, REFERENCE_CHANGED_CHANNEL } from './channels';
import { processEvent } from './process-event';
import { pushBatch } from './push-batch';
import { createRulePresetApplier } from '@/lib/wall/apply-rule-presets';
import { createSlewToCue } from '@/lib/ptz/apply-slew-to-cue';
import { loadReferenceData, loadState, prefetchNumbers, readCursor, readEventBatch, reloadIncidents } from './read-state';
import { reasonText } from './reasons';
import { adoptOperatorChange } from './operator-reload';
import { idleSweep } from './lifecycle';
import { writeBatch } from './write-batch';
import { traceBatch } from './batch-trace';

/** Wall-clock silence after which the correlator's clock moves on its own. */
const IDLE_CLOCK_AFTER_MS = 30_000;

/** Correlating yields to the event loop after this long, so pushes, ingest and requests are served in between. */
const SLICE_MS = 5;

/**
 * processEvent over a page, in slices of about SLICE_MS: a 5,000-event page is 100+ ms of CPU on a loaded core,
 * and the live push, ingest's COMMITs and HTTP requests would all wait behind it. Only this pump touches the
 * engine, so yielding between events is safe.
 */
async function processSliced(engine: Engine, events: Parameters<typeof processEvent>[1][]): Promise<number> {
  let sliceStart = performance.now();
  let longest = 0;
  for (let i = 0; i < events.length; i++) {
    processEvent(engine, events[i]!);
    if ((i & 31) === 31 && performance.now() - sliceStart > SLICE_MS) {
      longest = Math.max(longest, performance.now() - sliceStart);
      await new Promise((r) => setImmediate(r));
      sliceStart = performance.now();
    }
  }
  return Math.max(longest, performance.now() - sliceStart);
}

/** pg_try_advisory_lock key: whoever holds it is the one correlator writing incidents. */
export const CORRELATOR_LOCK = 7261004;

export interface CorrelatorOptions {
  engine?: Partial<EngineConfig>;
  /** Events read per transaction. */
  pageSize?: number;
  lockRetryMs?: number;
  /**
   * Live first: resolves when this node's live push has sent the events up to `seq` (or soon after, bounded).
   * Correlating waits for it, so the push never queues behind the correlator on a busy core.
   */
  liveFirst?: (seq: bigint) => Promise<void>;
  /** Called after each committed batch (benchmarks, tests). */
  onFlushed?: (uptoSeq: bigint, out: BatchOutput) => void;
}

export interface CorrelatorHandle {
  stop: () => Promise<void>;
  /** How long committed events have waited for the correlator (0 when caught up). */
  lagMs: () => number;
  processedSeq: () => bigint;
  isLeader: () => boolean;
  /** Cumulative time per phase since start, for benchmarks and diagnostics. */
  stats: () => CorrelatorStats;
}

export interface CorrelatorStats {
  batches: number;
  events: number;
  readMs: number;
  correlateMs: number;
  writeMs: number;
  /** Time spent waiting for this node's live push before correlating (liveFirst). */
  liveWaitMs: number;
  /** The longest stretch the correlator held the event loop in processEvent (one slice). */
  longestSliceMs: number;
}

/**
 * Single writer of incidents. Holds a session advisory lock on a dedicated connection (retried every 2 s, so a
 * standby node takes over within seconds of the holder's death), rebuilds its state from PostgreSQL, then follows
 * committed events by seq: each batch's incident changes commit together with the cursor, THEN are pushed.
 */
export function startCorrelator(rt: CorrelatorRuntime, log: (line: string) => void = console.log, opts: CorrelatorOptions = {}): CorrelatorHandle {
  const pageSize = opts.pageSize ?? 5000;
  const config: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, ...opts.engine };
  let lockClient: pg.PoolClient | null = null;
  let leader = false;
  let stopped = false;
  let engine = new Engine(config);
  let cursor = 0n;
  let rungSeq = 0n;
  let pendingSince: number | null = null;
  let running = false;
  let again = false;
  let retryTimer: NodeJS.Timeout | null = null;
  const reload = new Set<string>();
  let referenceChanged = false;
  let lastEventWall = Date.now();
  let camerasChanged = false;
  const stats: CorrelatorStats = { batches: 0, events: 0, readMs: 0, correlateMs: 0, writeMs: 0, liveWaitMs: 0, longestSliceMs: 0 };
  // Rules' `wall_preset` actions: applied after their batch commits, off the correlator's critical path.
  const applyRulePresets = createRulePresetApplier(rt, log);
  // Rules' `slew_to_cue` actions: PTZ cameras turned after the batch commits (the device's answer never stalls it).
  const slewToCue = createSlewToCue(rt, log);

  const unsubscribe = rt.bus.onCommitted((seq) => {
    if (seq > rungSeq) rungSeq = seq;
    if (seq > cursor && pendingSince === null) pendingSince = Date.now();
    schedule();
  });
  // Safety net for a missed doorbell (another node's NOTIFY lost with a dropped LISTEN connection).
  const poll = setInterval(() => schedule(), 1000);
  poll.unref();

  function schedule(): void {
    if (!leader || stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void pump().then((ok) => {
      running = false;
      if (stopped) return;
      if (!ok) setTimeout(() => schedule(), 1000).unref();
      else if (again) {
        again = false;
        schedule();
      }
    });
  }

  async function rebuild(): Promise<void> {
    engine = new Engine(config);
    cursor = await readCursor(rt.pool);
    await loadState(rt.pool, engine, cursor, log);
    log(`[correlate] state rebuilt at seq ${cursor}: ${engine.active.size} open incidents, ${engine.grid.size} events in the live window`);
  }

  async function applyReloads(): Promise<void> {
    if (referenceChanged) {
      referenceChanged = false;
      const cameras = camerasChanged;
      camerasChanged = false;
      await loadReferenceData(rt.pool, engine, log);
      // A camera added, moved, turned, taken offline or back: open incidents get the cameras that see them now
      // (written and pushed like any batch), not only incidents placed after the change.
      if (cameras) for (const inc of engine.active.values()) engine.attachCameras(inc, engine.config.cameraTopN);
    }
    if (!reload.size) return;
    const ids = [...reload];
    reload.clear();
    for (const fresh of await reloadIncidents(rt.pool, engine, ids)) {
      if (await adoptOperatorChange(rt.pool, engine, fresh)) continue;
      const held = engine.active.get(fresh.id);
      if (!held) continue;
      if (fresh.status === 'closed' || fresh.status === 'merged') {
        engine.forget(fresh.id);
        continue;
      }
      held.status = fresh.status;
      for (const u of fresh.units) held.units.add(u);
      if (fresh.status !== 'escalated' || held.reasons.has('escalated')) continue;
      // The route stored the reason with the status: adopt it silently. Only if a batch of ours overwrote it
      // in between is it missing in PostgreSQL too; then it is re-added (and recorded) by the correlator.
      const stored = fresh.reasons.get('escalated');
      if (stored) held.reasons.set('escalated', stored);
      else engine.setReason(held, reasonText.escalated());
    }
  }

  /**
   * false after a failure (state rebuilt; the caller retries after a pause). Pipelined: while batch N is being
   * written (PostgreSQL's core), batch N+1 is read and correlated (ours). Writes stay strictly in order, each one
   * compare-and-sets the cursor, and a batch is pushed only after its own COMMIT. (N+1's lookup of stored incidents
   * can run before N commits: see Engine.recentlyInactive.)
   */
  async function pump(): Promise<boolean> {
    let reader: pg.PoolClient | null = null;
    let writer: pg.PoolClient | null = null;
    let writing: Promise<void> | null = null;
    let readCursor = cursor;
    try {
      reader = await rt.pool.connect();
      writer = await rt.pool.connect();
      await applyReloads();
      for (;;) {
        const t0 = performance.now();
        const events = await readEventBatch(reader, readCursor, pageSize);
        if (events.length) lastEventWall = Date.now();
        // No events for a while: the clock (event time) moves with the wall clock, so quiet situations go stale
        // live. Not within a short pause: a replay or a feed that stalls a few seconds must not age its situations.
        else if (engine.watermark && Date.now() - lastEventWall > IDLE_CLOCK_AFTER_MS) idleSweep(engine, engine.watermark + Date.now() - lastEventWall);
        if (!events.length && !engine.hasPending()) break;
        await prefetchNumbers(reader, engine, events);
        const from = readCursor;
        const upto = events.length ? events[events.length - 1]!.seq : readCursor;
        if (events.length && opts.liveFirst) {
          const w = performance.now();
          await opts.liveFirst(upto);
          stats.liveWaitMs += performance.now() - w;
        }
        const t1 = performance.now();
        const slice = await processSliced(engine, events);
        if (slice > stats.longestSliceMs) stats.longestSliceMs = slice;
        const out = engine.drain();
        readCursor = upto;
        const traced = traceBatch(from, upto, events.length, t0, t1);
        stats.readMs += t1 - t0;
        stats.correlateMs += performance.now() - t1;
        stats.batches++;
        stats.events += events.length;
        if (writing) await writing;
        const w = writer;
        writing = (async () => {
          const t2 = performance.now();
          await writeBatch(w, out, from, upto);
          stats.writeMs += performance.now() - t2;
          cursor = upto;
          if (cursor >= rungSeq) pendingSince = null;
          else if (pendingSince !== null) pendingSince = Date.now();
          pushBatch(rt, out);
          traced?.done(out);
          void applyRulePresets(out);
          void slewToCue(out);
          opts.onFlushed?.(cursor, out);
        })();
        // Keep the rejection for the await above/below, not as an unhandled one.
        writing.catch(() => {});
        // Not for commits that rang meanwhile: reading them while this batch is written was measured slower at
        // 2,000 events/s (p50 11–14 → 15–31 ms, p99 48 → 81–97 ms): the read competes with the write it waits for.
        if (events.length < pageSize) break;
      }
      if (writing) await writing;
      return true;
    } catch (err) {
      if (writing) await writing.catch(() => {});
      log(`[correlate] batch after seq ${cursor} failed, rebuilding from PostgreSQL: ${(err as Error).message}`);
      reader?.release();
      writer?.release();
      reader = writer = null;
      await rebuild().catch((e: Error) => log(`[correlate] rebuild failed: ${e.message}`));
      return false;
    } finally {
      reader?.release();
      writer?.release();
    }
  }

  async function acquire(): Promise<void> {
    retryTimer = null;
    if (stopped) return;
    try {
      if (!lockClient) {
        lockClient = await rt.pool.connect();
        lockClient.on('error', (err) => lostLock(err));
        lockClient.on('notification', (msg) => {
          if (msg.channel === INCIDENT_CHANGED_CHANNEL && msg.payload) reload.add(msg.payload);
          else if (msg.channel === REFERENCE_CHANGED_CHANNEL) {
            referenceChanged = true;
            if (msg.payload === 'cameras') camerasChanged = true;
          }
          else return;
          schedule();
        });
      }
      const { rows } = await lockClient.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [CORRELATOR_LOCK]);
      if (!rows[0]?.ok) {
        retryTimer = setTimeout(() => void acquire(), opts.lockRetryMs ?? 2000);
        return;
      }
      await lockClient.query(`LISTEN ${INCIDENT_CHANGED_CHANNEL}`);
      await lockClient.query(`LISTEN ${REFERENCE_CHANGED_CHANNEL}`);
      await rebuild();
      leader = true;
      log('[correlate] this node is the correlator (advisory lock held)');
      schedule();
    } catch (err) {
      lostLock(err as Error);
    }
  }

  function lostLock(err: Error): void {
    if (stopped) return;
    log(`[correlate] lock connection lost (${err.message}); standing by`);
    leader = false;
    lockClient?.release(true);
    lockClient = null;
    if (!retryTimer) retryTimer = setTimeout(() => void acquire(), opts.lockRetryMs ?? 2000);
  }

  void acquire();

  return {
    async stop() {
      stopped = true;
      leader = false;
      unsubscribe();
      clearInterval(poll);
      if (retryTimer) clearTimeout(retryTimer);
      while (running) await new Promise((r) => setTimeout(r, 5));
      // Destroying the connection releases the advisory lock at once for a standby node.
      lockClient?.release(true);
      lockClient = null;
    },
    lagMs: () => (pendingSince === null ? 0 : Date.now() - pendingSince),
    processedSeq: () => cursor,
    isLeader: () => leader,
    stats: () => ({ ...stats }),
  };
}
