import { spawn } from 'node:child_process';
import type WebSocket from 'ws';
import { benchDatabase } from './bench-env';
import { Samples } from './stats';
import type { RunResult } from '../e2e';

type Drive = (send: (events: { title: string }[]) => Promise<string[]>, accepted: Map<string, number>) => Promise<number>;

/** The barest live path on the same machine: INSERT + NOTIFY in one transaction → ws broadcast per notification. */
export async function runBaseline(opts: { clients: number; drive: Drive; WebSocketImpl: typeof WebSocket }): Promise<RunResult> {
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
  const now = () => performance.now();
  const accepted = new Map<string, number>();
  const a2r = new Samples();
  const s2r = new Samples();
  let delivered = 0;
  const sockets = await Promise.all(Array.from({ length: opts.clients }, () => new Promise<WebSocket>((resolve) => {
    const ws = new opts.WebSocketImpl(`ws://127.0.0.1:${port}`);
    ws.on('open', () => resolve(ws));
    ws.on('message', (data: Buffer) => {
      const at = now();
      for (const e of JSON.parse(data.toString()) as { seq: string; title: string }[]) {
        delivered += 1;
        s2r.push(at - Number(e.title.slice(2)));
        const acc = accepted.get(e.seq);
        a2r.push(acc === undefined ? 0 : Math.max(0, at - acc));
      }
    });
  })));
  const t0 = now();
  const total = await opts.drive(async (events) => {
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
  }, accepted);
  const durationS = (now() - t0) / 1000;
  const expected = total * opts.clients;
  const deadline = now() + 10_000;
  while (delivered < expected && now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const ws of sockets) ws.close();
  proc.kill('SIGTERM');
  await env.close();
  return { accepted: total, delivered, expected, acceptedToReceived: a2r, sentToReceived: s2r, durationS };
}
