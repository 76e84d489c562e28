import type http from 'node:http';
import { ROUTES } from '@/app/api/registry';
import { createRouter } from '@/lib/api/dispatch';
import { loadEnv } from '@/lib/platform/env';
import { startServer, type RunningServer } from '@/lib/server/start-server';

/**
 * The real server (start-server.ts: database, migrations, bus, correlator, socket gateway, HTTP) serving every API
 * route from its declaration through the same dispatcher app/api/[...path]/route.ts uses, without the web pages:
 * benchmarks of the API path need no `next build`.
 */
export async function startApiNode(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const router = createRouter(ROUTES);
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const method = req.method ?? 'GET';
    const reply = await router.handle(new Request(`http://127.0.0.1${req.url ?? '/'}`, {
      method, headers, body: method === 'GET' || method === 'HEAD' || !chunks.length ? undefined : Buffer.concat(chunks),
    }));
    res.statusCode = reply.status;
    reply.headers.forEach((v, k) => res.setHeader(k, v));
    res.end(Buffer.from(await reply.arrayBuffer()));
  };
  const parsed = loadEnv({
    ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', DEMO: '0',
    ADMIN_PASSWORD: 'bench-admin-password', INGEST_RATE_PER_SEC: '1000000', INGEST_BURST: '1000000', MQTT_PORT: '0', LOG_LEVEL: 'warn', ...env,
  });
  return startServer({ env: parsed, web: { handle }, log: () => {} });
}
