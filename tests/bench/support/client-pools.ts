import { fork, type ChildProcess } from 'node:child_process';
import type { FromPool, PoolConfig, ToPool } from './client-pool';
import { Samples } from './stats';

export interface PoolReport {
  delivered: number;
  acceptedToReceived: Samples;
  sentToReceived: Samples;
}

export interface ClientPools {
  /** Tell every pool that these seqs were acknowledged (HTTP 202 / COMMIT returned) at `at` (epoch ms). */
  accepted(seqs: string[], at: number): void;
  /** How many deliveries the pools have seen so far. */
  delivered(): Promise<number>;
  /** Deliveries so far with their latencies, merged over the pools. */
  report(): Promise<PoolReport>;
  close(): void;
}

/** `clients` live clients spread over `procs` forked processes (tests/bench/support/client-pool.ts); resolves when all are subscribed. */
export async function startClientPools(config: PoolConfig, procs: number): Promise<ClientPools> {
  const children: ChildProcess[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < procs; i++) {
    const share = Math.floor(config.clients / procs) + (i < config.clients % procs ? 1 : 0);
    const child = fork('tests/bench/support/client-pool.ts', [JSON.stringify({ ...config, clients: share })], {
      // BENCH_POOL_PROFILE=<dir>: each pool writes its V8 CPU profile there when it exits (bench:e2e stops pools with SIGTERM).
      execArgv: ['--import', 'tsx', ...(process.env.BENCH_POOL_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_POOL_PROFILE}`] : [])],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    ready.push(
      new Promise((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`client pool exited (${code}) before its clients subscribed`)));
        child.on('message', (m: FromPool) => m.type === 'ready' && resolve());
      }),
    );
  }
  await Promise.all(ready);
  const tell = (m: ToPool) => children.forEach((c) => c.send(m));
  const ask = <T extends FromPool['type']>(type: T & ToPool['type']) =>
    Promise.all(
      children.map(
        (c) =>
          new Promise<Extract<FromPool, { type: T }>>((resolve) => {
            const on = (m: FromPool) => m.type === type && (c.off('message', on), resolve(m as Extract<FromPool, { type: T }>));
            c.on('message', on);
            c.send({ type } as ToPool);
          }),
      ),
    );
  return {
    accepted: (seqs, at) => tell({ type: 'accepted', seqs, at }),
    delivered: async () => (await ask('count')).reduce((n, p) => n + p.delivered, 0),
    async report() {
      const parts = await ask('report');
      const merged: PoolReport = { delivered: 0, acceptedToReceived: new Samples(), sentToReceived: new Samples() };
      for (const p of parts) {
        merged.delivered += p.delivered;
        for (const v of p.acceptedToReceived) merged.acceptedToReceived.push(v);
        for (const v of p.sentToReceived) merged.sentToReceived.push(v);
      }
      return merged;
    },
    close() {
      for (const c of children) {
        c.removeAllListeners('exit');
        c.kill('SIGTERM');
      }
    },
  };
}
