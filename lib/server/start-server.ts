import http from 'node:http';
import type pg from 'pg';
import type { Env } from '@/lib/platform/env';
import { startEmbeddedPostgres } from '@/lib/platform/db/embedded';
import { applyMigrations } from '@/lib/platform/db/migrate';
import { grantAppRole, urlRole } from '@/lib/platform/db/app-role';
import { waitForDatabase } from '@/lib/platform/db/wait-for-database';
import { createPool } from '@/lib/platform/db/pool';
import { pgConfigFromUrl } from '@/lib/platform/db/url';
import { CLIENT_IP_HEADER } from '@/lib/platform/http/request-meta';
import { createBus } from '@/lib/platform/bus';
import { startCorrelator } from '@/lib/correlate/start-correlator';
import { startDashboardRollup } from '@/lib/dashboard/rollup';
import { quietPeriods } from '@/lib/correlate/lifecycle';
import { startCapPolling } from '@/lib/ingest/cap-feed-poller';
import { startMqttIngest } from '@/lib/ingest/mqtt/start-mqtt-ingest';
import { startRetention } from '@/lib/lpr/purge-lpr-reads';
import { startCheckpoints } from '@/lib/audit/checkpoints';
import { EventTail } from '@/lib/realtime/event-tail';
import { attachClusterAdapter } from '@/lib/realtime/cluster-adapter';
import { createGateway } from '@/lib/realtime/gateway';
import { registerWallHandlers } from '@/lib/wall/wall-socket';
import { registerPresenceHandlers } from '@/lib/presence/presence-socket';
import { startBriefChannel } from '@/lib/briefs/brief-socket';
import { flushOutcomes } from '@/lib/ingest/source-outcomes';
import { importNode, startImportJobSweep } from '@/lib/sources/import-job-sweep';
import { startTestStreams } from '@/lib/video/start-test-streams';
import { restreamManager, stopRestreams } from '@/lib/video/restream/restream-manager';
import { registerVideoMetrics } from '@/lib/video/video-metrics';
import { ensureAdmin, ensureAgency } from '@/lib/seed/ensure-admin';
import { loadMfaKey, setMfaKey } from '@/lib/auth/secret-box';
import { oidcConfig } from '@/lib/auth/oidc/config';
import { encryptClearTotpSecrets } from '@/lib/auth/totp-secrets';
import { setRuntime, type Runtime } from '../platform/runtime';
import { trackInflight } from '@/lib/platform/drain';
import { logLine } from '@/lib/platform/log';
import { observeNode } from './observe-node';
import { runWithOrigin } from '@/lib/platform/trace/origins';
import { startTracing } from '@/lib/platform/trace/start-tracing';

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;
export type UpgradeHandler = (req: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void;

export interface StartOptions {
  env: Env;
  log?: (line: string) => void;
  /** Next.js request handling; absent in tests that exercise only the socket and services. */
  web?: { handle: RequestHandler; upgrade?: UpgradeHandler };
}

export interface RunningServer {
  url: string;
  port: number;
  runtime: Runtime;
  tail: EventTail;
  databaseUrl: string;
  /** The MQTT broker this node's sensor ingester reads (MQTT_URL, or the embedded broker). */
  mqttUrl: string;
  /**
   * SIGTERM's first half: not ready (503), then no new connections, no new MQTT/CAP work, every socket told to
   * reconnect (to another node, through the balancer), and in-flight requests finished. `close` does the rest.
   */
  drain: () => Promise<{ sockets: number; unfinished: number }>;
  close: () => Promise<void>;
}

/** Boot one node: database (embedded or DATABASE_URL), migrations, first admin, bus, tail, gateway, HTTP. */
export async function startServer({ env, log = logLine, web }: StartOptions): Promise<RunningServer> {
  const t0 = Date.now();
  const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres(env.DATA_DIR, log);
  const databaseUrl = env.DATABASE_URL ?? embedded!.appUrl;
  // Migrations (and grants) as the owner; the app itself as a role that owns nothing and is no superuser.
  const ownerUrl = embedded ? embedded.url : env.MIGRATION_DATABASE_URL;
  log(`[db] ${embedded ? `embedded PostgreSQL under ${env.DATA_DIR}/pg` : 'DATABASE_URL'} ready in ${Date.now() - t0} ms`);
  await waitForDatabase(ownerUrl ?? databaseUrl, 30_000, log);
  const applied = await applyMigrations(ownerUrl ?? databaseUrl);
  if (applied.length) log(`[db] applied migrations: ${applied.join(', ')}`);
  if (ownerUrl) await grantAppRole(ownerUrl, urlRole(databaseUrl));
  else log('[db] WARNING: no MIGRATION_DATABASE_URL: the app runs as the role that owns the tables, which can disable the audit log\'s append-only triggers (see README, Database roles)');

  const tracing = await startTracing(env, log);
  const pool = createPool(databaseUrl);
  const bus = await createBus(pgConfigFromUrl(databaseUrl), log);
  const runtime: Runtime = { env, pool, bus };
  setRuntime(runtime);
  await loadTotpKey(env, pool, log);
  // A malformed OIDC_ROLE_MAP stops the start here rather than at somebody's first sign-in.
  const oidc = oidcConfig();
  if (oidc) log(`[auth] directory sign-in (OIDC) via ${oidc.issuer}, ${oidc.roleMap.size} role mapping(s)`);

  const agency = await ensureAgency(pool, 'sf-demo', 'San Francisco (demo)', {
    timeZone: 'America/Los_Angeles',
    home: { lat: 37.76, lon: -122.44, zoom: 12 },
    // Its demo data (SF Fire CAD, ShotSpotter, neighbourhoods) is DataSF's; an admin can change the credit.
    attribution: 'DataSF',
  });
  await ensureAdmin(pool, agency.id, env.ADMIN_USERNAME, env.ADMIN_PASSWORD, log);

  const retention = startRetention(runtime, { log, onRun: (outcome) => runtime.metrics?.jobRuns.inc({ job: 'lpr_retention', outcome }) });
  const checkpoints = startCheckpoints(pool, env.DATA_DIR, env.AUDIT_CHECKPOINT_SECONDS, log);
  const importSweep = await startImportJobSweep(pool, importNode(env.PORT), log);
  const tail = new EventTail(pool, bus);
  await tail.start();
  const mqttIngest = await startMqttIngest(runtime, env, log);
  const capPolling = startCapPolling(runtime, env, log);
  // The dashboard's rollup follows the committed events beside the correlator (an ingest node, CORRELATOR=0, keeps
  // its cores for ingest), on whichever node takes its advisory lock each round.
  const dashboardRollup = env.CORRELATOR ? startDashboardRollup(pool, log) : null;
  runtime.health = { tailLagMs: () => tail.lagMs() };

  const server = http.createServer((req, res) => {
    // Overwrite, never trust, the client-address header the audit trail reads.
    const fwd = env.TRUST_PROXY ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim() : '';
    req.headers[CLIENT_IP_HEADER] = fwd || req.socket.remoteAddress || '';
    if (observed.scrape(req, res)) return;
    if (!web) {
      res.statusCode = 404;
      res.end();
      return;
    }
    // Everything the request's handling ingests is recorded under its id (and span): lib/platform/trace/origins.ts.
    Promise.resolve(runWithOrigin(observed.originOf(req), () => web.handle(req, res))).catch((err: unknown) => {
      // The route, not the URL (ids, tokens): the request line that follows carries the request id.
      log(`[http] ${req.method} request ${String(req.headers['x-request-id'] ?? '')} failed: ${String(err)}`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  const inflight = trackInflight(server);
  const observed = observeNode(server, runtime, env);
  const io = createGateway(server, pool, tail, { maxQueuedPackets: env.SOCKET_MAX_QUEUED_PACKETS });
  runtime.io = io;
  registerWallHandlers(io, runtime);
  observed.attach(io, tail, pool);
  // rtsp cameras: the restreamer starts ffmpeg only when someone watches (lib/video/restream/).
  restreamManager(runtime, log);
  if (runtime.metrics) registerVideoMetrics(runtime.metrics, runtime);
  registerPresenceHandlers(io, pool, log);
  const briefChannel = startBriefChannel(io, pool, log);
  const closeAdapter = await attachClusterAdapter(io, env, pool, log);
  // Single writer across nodes: it runs on whichever node holds the correlator's advisory lock (CORRELATOR=0: never here).
  const correlator = env.CORRELATOR ? startCorrelator(runtime, log, {
    engine: { quietMs: quietPeriods(env.SITUATION_QUIET_MINUTES) },
    // The live push of a batch's events goes before correlating them (bounded: a stuck tail never stalls incidents).
    liveFirst: (seq) => tail.pushedUpTo(seq, 250),
  }) : null;
  runtime.health = { tailLagMs: () => tail.lagMs(), correlatorLagMs: correlator ? () => correlator.lagMs() : undefined };
  if (correlator) {
    // Whether the correlator holds the event loop (it should not past a slice) or waits for the live push.
    runtime.metrics?.gauge('rtcc_correlator_longest_slice_ms', 'Longest stretch the correlator held the event loop, since start', () => correlator.stats().longestSliceMs);
    runtime.metrics?.gauge('rtcc_correlator_live_wait_ms', 'Time the correlator waited for this node\'s live push before correlating, since start', () => correlator.stats().liveWaitMs);
  }
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/socket.io')) return; // Socket.IO's own listener takes it
    if (web?.upgrade) web.upgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : env.PORT;
  const testStreams = await startTestStreams(runtime, `http://127.0.0.1:${port}`, log);

  let drained: ReturnType<RunningServer['drain']> | null = null;
  const drain = () =>
    (drained ??= (async () => {
      runtime.draining = true;
      if (env.DRAIN_DELAY_MS) await new Promise((r) => setTimeout(r, env.DRAIN_DELAY_MS));
      const listening = new Promise<void>((r) => server.close(() => r()));
      await capPolling?.stop();
      // Unacked MQTT messages stay with the broker, which redelivers them to the node that takes over.
      await mqttIngest.stop();
      // Closing the transport (not a server-side disconnect) makes every Socket.IO client reconnect by itself; it
      // resumes from its last seq on whichever node the balancer picks, so it sees no gap and no duplicate.
      const sockets = [...io.sockets.sockets.values()];
      for (const s of sockets) s.conn.close();
      const unfinished = await inflight.settled(env.DRAIN_TIMEOUT_MS);
      void listening;
      log(`[drain] ${sockets.length} socket(s) sent elsewhere, ${unfinished ? `${unfinished} request(s) cut after ${env.DRAIN_TIMEOUT_MS} ms` : 'in-flight requests finished'}`);
      return { sockets: sockets.length, unfinished };
    })());

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    tail.stop();
    await correlator?.stop();
    await dashboardRollup?.stop();
    retention.stop();
    await importSweep.stop();
    briefChannel.stop();
    await flushOutcomes().catch(() => {});
    await checkpoints.stop();
    await testStreams.stop();
    await stopRestreams();
    if (!drained) {
      await capPolling?.stop();
      await mqttIngest.stop();
    }
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await closeAdapter();
    server.closeAllConnections();
    await bus.close();
    await pool.end().catch(() => {});
    await tracing?.shutdown();
    setRuntime(undefined);
    await embedded?.stop().catch(() => {});
  };
  return { url: `http://127.0.0.1:${port}`, port, runtime, tail, databaseUrl, mqttUrl: mqttIngest.url, drain, close };
}

/**
 * TOTP seeds are stored AES-256-GCM encrypted: MFA_ENCRYPTION_KEY, else a key generated once into DATA_DIR (beside
 * the embedded PostgreSQL password). Seeds enrolled before encryption are encrypted in place. The key is never logged.
 */
async function loadTotpKey(env: Env, pool: pg.Pool, log: (line: string) => void): Promise<void> {
  const { key, source } = await loadMfaKey({ envKey: process.env.MFA_ENCRYPTION_KEY, dataDir: env.DATA_DIR });
  setMfaKey(key);
  if (source !== 'env') {
    const shared = env.DATABASE_URL ? '; several nodes on one database must share MFA_ENCRYPTION_KEY' : '';
    log(`[auth] TOTP secrets encrypted with the key ${source === 'generated' ? 'generated into' : 'kept in'} ${env.DATA_DIR}/mfa-key${shared}`);
  }
  const migrated = await encryptClearTotpSecrets(pool);
  if (migrated) log(`[auth] encrypted ${migrated} TOTP secret(s) stored in clear by an earlier version`);
}
