import http from 'node:http';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { createSession } from '@/lib/auth/sessions';
import { SESSION_COOKIE } from '@/lib/auth/session-user';
import { startCorrelator, type CorrelatorHandle } from '@/lib/correlate/start-correlator';
import type { ClientToServer, ServerToClient } from '@/lib/domain/realtime';
import { createBus, type EventBus } from '@/lib/platform/bus';
import { EventTail } from '@/lib/realtime/event-tail';
import { createGateway, type RtccServer } from '@/lib/realtime/gateway';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { until } from './helpers';

export type ConsoleSocket = Socket<ServerToClient, ClientToServer>;

export interface PushRig {
  db: TestDb;
  bus: EventBus;
  io: RtccServer;
  /** Start the correlator on this rig and wait until it holds the lock. */
  startCorrelator(): Promise<CorrelatorHandle>;
  /**
   * A console socket on a new session of `userId`, resumed from the start (`listen` adds its handlers before it
   * resumes), and the session's token.
   */
  connect(userId: string, listen: (s: ConsoleSocket) => void): Promise<{ socket: ConsoleSocket; token: string }>;
  stop(): Promise<void>;
}

/**
 * The push path in one process: real PostgreSQL, the real gateway and event tail on a real HTTP server, the
 * correlator, real socket clients. (The same flow runs in `npm start` once start-server.ts sets `runtime.io` and
 * starts the correlator.)
 */
export async function startPushRig(): Promise<PushRig> {
  const db = await createTestDb();
  const bus = await createBus(null);
  const server = http.createServer();
  const tail = new EventTail(db.pool, bus);
  await tail.start();
  const io = createGateway(server, db.pool, tail);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const sockets: ConsoleSocket[] = [];
  let correlator: CorrelatorHandle | undefined;
  return {
    db,
    bus,
    io,
    async startCorrelator() {
      const c = startCorrelator({ pool: db.pool, bus, io }, () => {}, { lockRetryMs: 50 });
      correlator = c;
      await until(() => c.isLeader(), 'correlator to take the lock');
      return c;
    },
    async connect(userId, listen) {
      const token = (await createSession(db.pool, userId, 1, {})).token;
      const s: ConsoleSocket = connectSocket(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` } });
      listen(s);
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('connect_error', reject);
        s.emit('resume', { afterSeq: null }, (res) => (res.ok ? resolve() : reject(new Error(res.error))));
      });
      return { socket: s, token };
    },
    async stop() {
      for (const s of sockets) s.close();
      await correlator?.stop();
      tail.stop();
      await new Promise<void>((r) => io.close(() => r()));
      await bus.close();
      await db.drop();
    },
  };
}
