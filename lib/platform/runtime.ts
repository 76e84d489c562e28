import type pg from 'pg';
import type { Env } from '@/lib/platform/env';
import type { EventBus } from '@/lib/platform/bus';
import type { Server } from 'socket.io';
import type { ClientToServer, ServerToClient, SocketData } from '@/lib/domain/realtime';
import type { TokenBuckets } from '@/lib/platform/rate-limit';
import type { Metrics, RequestNote } from '@/lib/platform/metrics';

/** The typed Socket.IO server every push goes through (rooms per agency, incident, wall). */
export type RtccServer = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

/**
 * What one server process shares between server.ts and the Next.js route handlers. Next bundles routes
 * separately from server.ts, so module-level singletons would exist twice; the process-wide symbol makes them one.
 */
export interface Runtime {
  env: Env;
  pool: pg.Pool;
  bus: EventBus;
  /** Socket.IO server, set by start-server.ts once the gateway exists; pushes from routes/correlator no-op without it. */
  io?: RtccServer;
  /** Per-source ingest rate limits; created on first use by lib/ingest/receive-adapted.ts. */
  ingestLimiter?: TokenBuckets;
  /** Per-client-address sign-in rate limit; created on first use by lib/auth/login.ts. */
  loginLimiter?: TokenBuckets;
  /** Per user-and-camera PTZ command rate limit; created on first use by lib/ptz/control-ptz.ts. */
  ptzLimiter?: TokenBuckets;
  /** Last audited live view per `user:camera` (ms), so a playlist refreshed each second is audited once per viewing. */
  videoViews?: Map<string, number>;
  /** This node's Prometheus registry (GET /api/metrics), set by start-server.ts. */
  metrics?: Metrics;
  /** The route wrapper tells the HTTP edge what it served (request id header → route, user, seqs) for the request line. */
  noteRequest?: (requestId: string, note: RequestNote) => void;
  /** Set when SIGTERM starts a drain: /api/ready answers 503 so the load balancer stops sending work here. */
  draining?: boolean;
  /** Live figures for /api/ready, set by start-server.ts. */
  health?: { tailLagMs: () => number; correlatorLagMs?: () => number };
}

const KEY = Symbol.for('rtcc.runtime');
type Holder = { [KEY]?: Runtime };

export function setRuntime(rt: Runtime | undefined): void {
  (globalThis as Holder)[KEY] = rt;
}

export function runtime(): Runtime {
  const rt = (globalThis as Holder)[KEY];
  if (!rt) throw new Error('RTCC runtime not initialised: start the app with `npm start` (server.ts)');
  return rt;
}
