import { EventEmitter } from 'node:events';
import pg from 'pg';
import { hop } from './hop-log';
import { ORIGIN_CHANNEL, recordOriginPayload } from './trace/origins';

/** Doorbell, not data: "rows up to seq N are committed". Listeners read the rows themselves. */
export interface EventBus {
  /** Called by ingest right after COMMIT. */
  committed(maxSeq: bigint): void;
  onCommitted(fn: (maxSeq: bigint) => void): () => void;
  close(): Promise<void>;
}

export const NOTIFY_CHANNEL = 'rtcc_event_committed';

/**
 * In-process bus, plus PostgreSQL LISTEN so commits made by other nodes ring here too. Ingest issues `NOTIFY`
 * inside its transaction, which PostgreSQL delivers only on COMMIT. The LISTEN connection is re-opened with
 * back-off when the database restarts; the tail's 1 s poll covers whatever rang while it was down.
 */
export async function createBus(listenConfig: pg.ClientConfig | null, log: (m: string) => void = () => {}): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(50);
  const ring = (seq: bigint) => emitter.emit('committed', seq);
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (attempt: number): Promise<void> => {
    if (closed || !listenConfig) return;
    const c = new pg.Client(listenConfig);
    c.on('notification', (msg) => {
      if (msg.channel === NOTIFY_CHANNEL && msg.payload) {
        hop('bell', { seq: msg.payload });
        ring(BigInt(msg.payload));
      }
      // Sent before the doorbell in the same transaction, so heard first: the batch's ids are known when it rings.
      else if (msg.channel === ORIGIN_CHANNEL && msg.payload) recordOriginPayload(msg.payload);
    });
    c.on('error', (err) => {
      log(`[bus] LISTEN connection lost: ${err.message}`);
      c.end().catch(() => {});
      if (client === c) client = null;
      schedule(0);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${NOTIFY_CHANNEL}; LISTEN ${ORIGIN_CHANNEL}`);
      client = c;
      if (attempt > 0) log('[bus] LISTEN connection restored');
    } catch (err) {
      c.end().catch(() => {});
      if (attempt === 0 && !client) throw err;
      schedule(attempt + 1);
    }
  };
  const schedule = (attempt: number) => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect(Math.max(1, attempt));
    }, Math.min(5000, 200 * 2 ** attempt));
    retry.unref();
  };
  await connect(0);

  return {
    committed: ring,
    onCommitted(fn) {
      emitter.on('committed', fn);
      return () => emitter.off('committed', fn);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      emitter.removeAllListeners();
      await client?.end().catch(() => {});
    },
  };
}
