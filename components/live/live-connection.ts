import { io, type Socket } from 'socket.io-client';
import { decodeEvents } from '@/lib/domain/event-wire';
import { LIVE_PROTOCOL, type ClientToServer, type ServerToClient } from '@/lib/domain/realtime';
import type { ConnectionStore } from './connection-store';
import { probe } from './debug-handle';
import type { EventStore } from './event-store';
import type { IncidentStore } from './incident-store';

export type LiveSocket = Socket<ServerToClient, ClientToServer>;

export interface LiveConnectionOptions {
  events: EventStore;
  connection: ConnectionStore;
  /** The session is gone (expired, revoked, signed out elsewhere): the server will not let us in. */
  onUnauthorized: () => void;
  /** The `incidents` topic; absent in tests of the event protocol alone. */
  incidents?: IncidentStore;
  /** Caught up after a (re)connect: the moment to fetch snapshots of what has no replay (incidents). */
  onSynced?: () => void;
  /** Extra listeners on the same socket (the wall page's `wall` messages); returns their cleanup. */
  attach?: (socket: LiveSocket) => void;
  /**
   * The server speaks another live protocol (a deploy since this page loaded): nothing more is decoded and the
   * socket is closed; the page should load the server's current console.
   */
  onOutdated?: () => void;
  /** The protocol this client decodes (tests pose as a client built for another). */
  protocol?: number;
  /** Tests connect from Node with an explicit URL and cookie; the browser uses the same origin. */
  createSocket?: () => LiveSocket;
}

const sameOriginSocket = (): LiveSocket => io({ transports: ['websocket'], withCredentials: true });

/** After this many failed attempts in a row the operator sees "Offline" (retries continue). */
const OFFLINE_AFTER_FAILURES = 5;
/** A long gap replays in pages before the ack; only a server that never answers should time out. */
const RESUME_TIMEOUT_MS = 30_000;
const MAX_RETRY_MS = 15_000;

/**
 * Opens the one socket of this tab and keeps the event store in step with the server's log.
 * Returns the cleanup that closes it. No React here, so the protocol logic can be tested alone.
 *
 * Protocol (lib/domain/realtime.ts): on every `connect`, emit `resume` with the highest seq applied;
 * the server replays the gap as `events` batches (`replay: true`), then `synced`, then live batches.
 * The store drops anything not newer than its last seq, so overlaps around reconnects are harmless.
 */
export function openLiveConnection(options: LiveConnectionOptions): () => void {
  const { events, connection, incidents, onSynced, attach, onUnauthorized, onOutdated, protocol = LIVE_PROTOCOL, createSocket = sameOriginSocket } = options;
  // A re-mount (StrictMode, route change) opens a new socket: whatever the old one reached is stale.
  connection.set('connecting');
  const socket = createSocket();
  let closed = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const notLive = () => {
    if (failures >= OFFLINE_AFTER_FAILURES || (typeof navigator !== 'undefined' && !navigator.onLine)) {
      connection.set('offline');
    } else if (connection.get() !== 'connecting') {
      connection.set('reconnecting');
    }
  };

  // socket.io retries transport failures itself, but not a refusal by the server's middleware
  // ('unavailable' while the database is down) nor a server-side disconnect: those we retry here.
  const retryLater = (action: () => void) => {
    clearTimeout(retryTimer);
    const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.min(failures, 4)) * (0.75 + Math.random() / 2);
    retryTimer = setTimeout(() => {
      if (!closed) action();
    }, delay);
  };

  const resume = () => {
    const afterSeq = events.getState().lastSeq;
    socket.timeout(RESUME_TIMEOUT_MS).emit('resume', { afterSeq }, (err, res) => {
      if (closed || !socket.connected) return;
      if (err || !res.ok) {
        console.warn('[rtcc] resume failed, retrying', err?.message ?? res.error);
        failures++;
        retryLater(resume);
      }
    });
  };

  // The server's first message on each connection; until it agrees, nothing it sends is decoded.
  let agreed = false;
  socket.on('hello', (info) => {
    agreed = info.protocol === protocol;
    if (agreed || closed) return;
    console.warn(`[rtcc] the server speaks live protocol ${info.protocol}, this page ${protocol}: loading the current console`);
    closed = true;
    clearTimeout(retryTimer);
    socket.close();
    connection.set('outdated');
    onOutdated?.();
  });

  socket.on('connect', () => {
    failures = 0;
    clearTimeout(retryTimer);
    if (connection.get() === 'offline') connection.set('reconnecting');
    resume();
  });

  socket.on('events', (batch) => {
    if (!agreed) return;
    const t0 = performance.now();
    events.applyBatch(decodeEvents(batch.events));
    probe('events', t0, events.getState().version);
  });

  socket.on('incidents', (batch) => {
    if (!agreed) return;
    incidents?.apply(batch.incidents);
  });
  attach?.(socket);

  socket.on('synced', ({ lastSeq }) => {
    const ours = events.getState().lastSeq;
    if (ours !== null && /^\d+$/.test(lastSeq) && BigInt(lastSeq) < BigInt(ours)) {
      // The server's log is behind what we hold: its database was restored or reset. Our seqs mean
      // nothing there any more, so start over from its snapshot rather than drop every new event.
      console.warn('[rtcc] server log went backwards; resetting the live view');
      events.reset();
      resume();
      return;
    }
    connection.set('live');
    onSynced?.();
  });

  socket.on('connect_error', (err) => {
    if (closed) return;
    if (err.message === 'unauthorized') {
      connection.set('offline');
      onUnauthorized();
      return;
    }
    failures++;
    notLive();
    if (!socket.active) retryLater(() => socket.connect());
  });

  socket.on('disconnect', (reason) => {
    agreed = false;
    if (closed) return;
    notLive();
    if (reason === 'io server disconnect') retryLater(() => socket.connect());
  });

  // The OS knows about a dead link before a ping timeout does; and when the link is back, there is
  // no point waiting out the backoff.
  const onOffline = () => connection.set('offline');
  const onOnline = () => {
    failures = 0;
    if (socket.connected) return;
    connection.set('reconnecting');
    socket.connect();
  };
  // (No window when a test drives this from Node.)
  const win = typeof window === 'undefined' ? null : window;
  win?.addEventListener('offline', onOffline);
  win?.addEventListener('online', onOnline);

  return () => {
    closed = true;
    clearTimeout(retryTimer);
    win?.removeEventListener('offline', onOffline);
    win?.removeEventListener('online', onOnline);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
