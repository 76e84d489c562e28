import { EventEmitter } from 'node:events';
import type pg from 'pg';

/** Doorbell, not data: "rows up to seq N are committed". Listeners read the rows themselves. */
export interface EventBus {
  /** Called by ingest right after COMMIT. */
  committed(maxSeq: bigint): void;
  onCommitted(fn: (maxSeq: bigint) => void): () => void;
  close(): Promise<void>;
}

export const NOTIFY_CHANNEL = 'rtcc_event_committed';

/**
 * In-process bus, plus PostgreSQL LISTEN so commits made by other nodes ring here too. Ingest issues
 * `NOTIFY` inside its transaction, which PostgreSQL delivers only on COMMIT.
 */
export async function createBus(listenClient: pg.Client | null): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(50);
  const ring = (seq: bigint) => emitter.emit('committed', seq);
  if (listenClient) {
    listenClient.on('notification', (msg) => {
      if (msg.channel === NOTIFY_CHANNEL && msg.payload) ring(BigInt(msg.payload));
    });
    await listenClient.query(`LISTEN ${NOTIFY_CHANNEL}`);
  }
  return {
    committed: ring,
    onCommitted(fn) {
      emitter.on('committed', fn);
      return () => emitter.off('committed', fn);
    },
    async close() {
      emitter.removeAllListeners();
      await listenClient?.end().catch(() => {});
    },
  };
}
