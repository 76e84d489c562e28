// server.ts plus the issue-5 wiring that start-server.ts does not have yet (the lead adds it there; see the issue
// note): the correlator, the wall socket handlers and the TEST_STREAMS camera. Used by operator-flow.test.ts only.
// Harmless once start-server.ts has them too: a second correlator stands by (advisory lock), a second wallJoin
// handler's ack is ignored by the client.
import next from 'next';
import { startCorrelator } from '@/lib/correlate/start-correlator';
import { loadEnv } from '@/lib/config/env';
import { registerWallHandlers } from '@/lib/realtime/wall';
import { startServer } from '@/lib/server/start-server';
import { startTestStreams } from '@/lib/video/start-test-streams';

async function main(): Promise<void> {
  const env = loadEnv(process.env);
  const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port: env.PORT });
  const prepared = app.prepare();
  const server = await startServer({
    env,
    web: {
      handle: async (req, res) => {
        await prepared;
        return app.getRequestHandler()(req, res);
      },
      upgrade: (req, socket, head) => void prepared.then(() => app.getUpgradeHandler()(req, socket, head)),
    },
  });
  await prepared;
  const correlator = startCorrelator(server.runtime, console.log);
  if (server.runtime.io) registerWallHandlers(server.runtime.io, server.runtime);
  const streams = await startTestStreams(server.runtime, server.url);
  console.log(`[rtcc] console ready at ${server.url}`);
  process.on('SIGTERM', () => {
    void (async () => {
      await streams.stop();
      await correlator.stop();
      await server.close();
      process.exit(0);
    })();
  });
}

main().catch((err: unknown) => {
  console.error('[rtcc] failed to start:', err);
  process.exit(1);
});
