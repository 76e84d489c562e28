import type pg from 'pg';
import type { EventBus } from '../platform/bus';
import { hop } from '../platform/hop-log';
import { maxCommittedSeq, readEventsAfter, type RoutedEvent } from './event-rows';

export type BatchListener = (events: RoutedEvent[], upto: bigint) => void;

/**
 * Follows the committed event log on this node. The bus only says "something committed"; the tail reads rows
 * after its cursor, in seq order, and hands them on in batches gathered over `windowMs` so that a burst of
 * commits becomes one push per room instead of one per event.
 */
export class EventTail {
  cursor = 0n;
  /** When the doorbell last rang with rows this tail has not read yet (0 = caught up). */
  private behindSince = 0;
  private timer: NodeJS.Timeout | null = null;
  private poll: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private unsubscribe: (() => void) | null = null;
  private readonly listeners = new Set<BatchListener>();
  /** Whether anyone on this node wants the rows (a console connected); without it only the cursor moves. */
  private demand: () => boolean = () => true;
  private waiters: { seq: bigint; resolve: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly bus: EventBus,
    private readonly windowMs = 10,
    private readonly pageSize = 5000,
  ) {}

  async start(): Promise<void> {
    this.cursor = await maxCommittedSeq(this.pool);
    this.unsubscribe = this.bus.onCommitted((seq) => {
      if (seq > this.cursor) {
        if (!this.behindSince) this.behindSince = Date.now();
        this.schedule();
      }
    });
    // Safety net for a missed doorbell (LISTEN connection lost, another node's NOTIFY dropped).
    this.poll = setInterval(() => this.schedule(), 1000);
    this.poll.unref();
  }

  /** How long committed rows have waited to be read: 0 when caught up. */
  lagMs(): number {
    return this.behindSince ? Date.now() - this.behindSince : 0;
  }

  /**
   * Resolves once this tail has handed on every row up to `seq` (or after `maxMs`, whichever comes first). The
   * correlator waits on it before correlating a batch, so on a busy core the live push of those events runs first
   * instead of queueing behind the correlator's CPU work (bench:e2e --contended).
   */
  pushedUpTo(seq: bigint, maxMs: number): Promise<void> {
    if (seq <= this.cursor) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        seq,
        resolve: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve();
        }, maxMs),
      };
      this.waiters.push(waiter);
    });
  }

  private release(): void {
    if (!this.waiters.length) return;
    const ready = this.waiters.filter((w) => w.seq <= this.cursor);
    if (!ready.length) return;
    this.waiters = this.waiters.filter((w) => w.seq > this.cursor);
    for (const w of ready) w.resolve();
  }

  onBatch(fn: BatchListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * A node with no console connected (an ingest-only node, or a quiet night) has nobody to push rows to: it then
   * moves its cursor to the newest commit without reading the rows. A console that connects later is caught up
   * from PostgreSQL by resume, exactly as after a reconnect, so nothing is skipped for it.
   */
  setDemand(fn: () => boolean): void {
    this.demand = fn;
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.poll) clearInterval(this.poll);
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pump();
    }, this.windowMs);
  }

  private async pump(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      if (!this.demand()) {
        // With the event write lock, the newest visible seq has every smaller seq committed before it.
        const newest = await maxCommittedSeq(this.pool);
        // A console that connected meanwhile may already have caught up to the old cursor and joined its room:
        // jumping now would skip rows it never got. Then read them as usual instead.
        if (!this.demand()) {
          if (newest > this.cursor) this.cursor = newest;
          this.behindSince = 0;
          this.release();
          return;
        }
      }
      for (;;) {
        const rows = await readEventsAfter(this.pool, this.cursor, { limit: this.pageSize });
        hop('read', { after: this.cursor.toString(), n: rows.length });
        if (rows.length === 0) {
          this.behindSince = 0;
          break;
        }
        const upto = BigInt(rows[rows.length - 1]!.dto.seq);
        this.cursor = upto;
        for (const fn of this.listeners) fn(rows, upto);
        this.release();
        if (rows.length < this.pageSize) {
          this.behindSince = 0;
          break;
        }
      }
    } catch (err) {
      console.warn(`[tail] read failed, will retry: ${(err as Error).message}`);
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }
}
