import { spawn } from 'node:child_process';
import { benchDatabase } from './bench-env';
import { startClientPools } from './client-pools';
import { startNginx } from './cluster';
import { collect, drive, type Load, type RunResult } from './e2e-drive';

function startBareServer(databaseUrl: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/support/bare-ws-server.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = new Promise<number>((resolve) => {
    proc.stdout!.on('data', (d: Buffer) => {
      const m = /READY (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
  });
  return { proc, port };
}

/**
 * The barest live path on the same machine: INSERT + NOTIFY in one transaction → ws broadcast per notification.
 * nodes > 1: the same shape as the console's cluster: that many bare servers (each LISTENs and broadcasts to the
 * clients it holds) behind the same nginx, clients spread by nginx's least_conn. The floor of the layout itself.
 */
export async function runBaseline(opts: { clients: number; procs: number; load: Load; nodes?: number }): Promise<RunResult> {
  const env = await benchDatabase();
  await env.pool.query('CREATE TABLE bare_event (seq bigserial PRIMARY KEY, title text)');
  const servers = Array.from({ length: Math.max(1, opts.nodes ?? 1) }, () => startBareServer(env.db.url));
  const ports = await Promise.all(servers.map((s) => s.port));
  const nginx = ports.length > 1 ? await startNginx(ports) : null;
  const url = nginx ? nginx.url.replace(/^http/, 'ws') : `ws://127.0.0.1:${ports[0]}`;
  // The same clients, in the same number of processes, as the console run.
  const pools = await startClientPools({ kind: 'ws', url, clients: opts.clients }, opts.procs);
  const t0 = performance.now();
  const total = await drive(opts.load, async (events) => {
    const c = await env.pool.connect();
    try {
      await c.query('BEGIN');
      const { rows } = await c.query<{ seq: string; title: string }>(
        'INSERT INTO bare_event (title) SELECT * FROM unnest($1::text[]) RETURNING seq::text, title',
        [events.map((e) => e.title)],
      );
      // NOTIFY payloads are capped at 8000 bytes: one notification per chunk of rows.
      for (let i = 0; i < rows.length; i += 60) {
        await c.query('SELECT pg_notify($1, $2)', ['bare_bench', JSON.stringify(rows.slice(i, i + 60))]);
      }
      await c.query('COMMIT');
      return rows.map((r) => r.seq);
    } finally {
      c.release();
    }
  }, pools.accepted);
  const result = await collect(pools, total, opts.clients, (performance.now() - t0) / 1000);
  pools.close();
  await nginx?.stop();
  for (const s of servers) s.proc.kill('SIGTERM');
  await env.close();
  return result;
}
