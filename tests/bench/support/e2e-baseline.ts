import { spawn } from 'node:child_process';
import { benchDatabase } from './bench-env';
import { startClientPools } from './client-pools';
import { collect, drive, type Load, type RunResult } from './e2e-drive';

/** The barest live path on the same machine: INSERT + NOTIFY in one transaction → ws broadcast per notification. */
export async function runBaseline(opts: { clients: number; procs: number; load: Load }): Promise<RunResult> {
  const env = await benchDatabase();
  await env.pool.query('CREATE TABLE bare_event (seq bigserial PRIMARY KEY, title text)');
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/support/bare-ws-server.ts'], {
    env: { ...process.env, DATABASE_URL: env.db.url }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) => {
    proc.stdout!.on('data', (d: Buffer) => {
      const m = /READY (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
  });
  // The same clients, in the same number of processes, as the console run.
  const pools = await startClientPools({ kind: 'ws', url: `ws://127.0.0.1:${port}`, clients: opts.clients }, opts.procs);
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
  proc.kill('SIGTERM');
  await env.close();
  return result;
}
