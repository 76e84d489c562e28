import type http from 'node:http';
import type pg from 'pg';
import { Server } from 'socket.io';
import { z } from 'zod';
import { resolveSession, readCookie } from '@/lib/auth/sessions';
import { SESSION_COOKIE, type SessionUser } from '@/lib/auth/session-user';
import { maySubscribe, sameOriginHandshake, startSocketSessionSweep } from '@/lib/policy/socket-guard';
import { encodeEvents } from '@/lib/domain/event-wire';
import { LIVE_PROTOCOL } from '@/lib/domain/realtime';
import { hop } from '@/lib/platform/hop-log';
import type { RtccServer } from '@/lib/platform/runtime';
import type { EventTail } from './event-tail';
import { resumeSocket, type RtccSocket } from './resume';
import { EVENTS_ROOM_PREFIX } from './rooms';

export type { RtccServer };
export { liveRoom } from './rooms';

const ZResume = z.strictObject({
  afterSeq: z.string().regex(/^\d{1,19}$/).nullable(),
  /** Only to replay beyond the live window (roles that may search): `offense:<type>` or `case:<number>`. */
  purpose: z.string().max(200).optional(),
});

/**
 * Socket.IO on the app's HTTP server. A socket is authenticated from the session cookie, then asks to resume
 * after its last seq: the gap within the live window is replayed from PostgreSQL and the socket joins its agency's
 * live room in the same tick that it catches up with the tail, so it gets every event exactly once (resume.ts).
 */
export function createGateway(httpServer: http.Server, pool: pg.Pool, tail: EventTail, opts: { maxQueuedPackets?: number } = {}): RtccServer {
  const maxQueued = opts.maxQueuedPackets ?? 500;
  const io: RtccServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    destroyUpgrade: false,
    transports: ['websocket', 'polling'],
    maxHttpBufferSize: 64 * 1024,
    // Cross-site WebSocket hijacking: a browser handshake from another origin is refused before the cookie is read.
    allowRequest: (req, cb) => cb(null, sameOriginHandshake(req)),
  });
  const users = new Map<string, SessionUser>();

  io.use(async (socket, next) => {
    try {
      const user = await resolveSession(pool, readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
      // The same policy as HTTP routes ('live.subscribe', MFA enrolment rule): see lib/policy/socket-guard.ts.
      if (!maySubscribe(user)) return next(new Error(user ? 'forbidden' : 'unauthorized'));
      socket.data = { userId: user!.id, role: user!.role, agencyId: user!.agencyId, sessionId: user!.sessionId, displayName: user!.displayName };
      users.set(socket.id, user!);
      // Rule `notify` actions address a role within an agency.
      void socket.join(`agency:${user!.agencyId}:role:${user!.role}`);
      // Mentions, assignments and hand-offs address one user (lib/notes).
      void socket.join(`user:${user!.id}`);
      socket.once('disconnect', () => users.delete(socket.id));
      next();
    } catch {
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket: RtccSocket) => {
    hop('conn', { id: socket.id });
    socket.emit('hello', { protocol: LIVE_PROTOCOL });
    let resuming = Promise.resolve();
    socket.on('resume', (req, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = ZResume.safeParse(req);
      if (!parsed.success) return reply({ ok: false, error: 'afterSeq must be a decimal seq string or null' });
      // One resume at a time per socket; a second one waits for the first.
      resuming = resuming.then(() =>
        resumeSocket(socket, pool, tail, users.get(socket.id)!, parsed.data, (until) => cutAtShareEnd(socket, until)).then(
          () => reply({ ok: true }),
          (err: Error) => reply({ ok: false, error: err.message }),
        ),
      );
    });
  });

  tail.setDemand(() => io.engine.clientsCount > 0);
  tail.onBatch((rows) => {
    dropSlowSockets(io, maxQueued);
    // One events room per distinct set of visible agencies, so a socket that sees several agencies (shares) gets
    // one ascending batch rather than one per agency (interleaved seqs would look like duplicates to resume).
    for (const room of io.of('/').adapter.rooms.keys()) {
      if (!room.startsWith(EVENTS_ROOM_PREFIX)) continue;
      const set = new Set(room.slice(EVENTS_ROOM_PREFIX.length).split(','));
      const events = rows.filter((r) => !r.hidden && set.has(r.agencyId)).map((r) => r.dto);
      // local: every node tails the log itself; a cluster-wide emit would deliver each event once per node.
      if (events.length) io.local.to(room).emit('events', { events: encodeEvents(events), replay: false });
    }
    hop('emit', { first: rows[0]!.dto.seq, upto: rows.at(-1)!.dto.seq });
  });

  // Idle lock and 12 h re-authentication apply to open sockets too (this node's sockets only).
  const sweep = startSocketSessionSweep({ fetchSockets: () => io.local.fetchSockets() }, pool);
  io.engine.on('close', () => sweep.stop());
  httpServer.once('close', () => sweep.stop());
  return io;
}

const shareEndTimers = new WeakMap<RtccSocket, NodeJS.Timeout>();
/** setTimeout's longest delay; a later end is re-armed by the reconnect that this early cut causes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Disconnect the socket when the first share it sees through ends; the client reconnects and resumes without it. */
function cutAtShareEnd(socket: RtccSocket, until: Date | null): void {
  clearTimeout(shareEndTimers.get(socket));
  shareEndTimers.delete(socket);
  if (!until) return;
  const timer = setTimeout(() => socket.disconnect(true), Math.min(MAX_TIMER_MS, Math.max(0, until.getTime() - Date.now())));
  timer.unref();
  shareEndTimers.set(socket, timer);
  socket.once('disconnect', () => clearTimeout(timer));
}

/** engine.io internals the public typings leave out: the unsent packet queue and the raw `ws` socket. */
interface EngineConn {
  writeBuffer: unknown[];
  transport: { socket?: { terminate?: () => void } };
  close: (discard?: boolean) => void;
}

/**
 * Backpressure: a client that cannot keep up (slow link, frozen tab) would make this process buffer without
 * bound. Past the limit its connection is cut at once; its client reconnects and resumes from its last seq, so it
 * loses nothing. Not `socket.disconnect(true)`: engine.io's close waits for the queue to drain before closing,
 * which a stalled reader never does, so the memory stayed held (the slow-socket fault test caught it).
 */
function dropSlowSockets(io: RtccServer, maxQueued: number): void {
  for (const socket of io.of('/').sockets.values()) {
    const conn = socket.conn as unknown as EngineConn;
    const queued = conn.writeBuffer.length;
    if (queued > maxQueued) {
      console.warn(`[gateway] dropping slow socket ${socket.id} (${queued} packets queued)`);
      conn.transport.socket?.terminate?.(); // WebSocket: destroy the TCP socket and what Node buffered for it
      conn.close(true); // any transport: discard the queue and close now
    }
  }
}
