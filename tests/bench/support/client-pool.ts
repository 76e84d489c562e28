// A process holding some of bench:e2e's live clients (forked with advanced IPC). 200 clients in the bench's own
// process made that process the bottleneck: its event loop parsed 200 copies of every push while the HTTP 202s
// that mark "accepted" queued behind them, so it timed its own backlog. Clients in a few processes of their own
// time deliveries on the machine's clock (epoch ms, comparable across processes); the driver tells them when each
// seq was accepted, and each delivery's latency (arrival − acceptance, 0 if it arrived first) is worked out after the run.
import fs from 'node:fs';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { decodeEvents, type EventsWire } from '@/lib/domain/event-wire';
import type { PoolHops } from './hop-report';
import { Samples } from './stats';

export type PoolConfig =
  | { kind: 'socketio'; url: string; cookie: string; clients: number }
  | { kind: 'ws'; url: string; clients: number };
export type ToPool = { type: 'accepted'; seqs: string[]; at: number } | { type: 'count' } | { type: 'report' };
export type FromPool =
  | { type: 'ready' }
  | { type: 'count'; delivered: number }
  | { type: 'report'; delivered: number; acceptedToReceived: Float64Array; sentToReceived: Float64Array };

/** Epoch milliseconds with sub-millisecond precision, the same clock in every process on the machine. */
export const epochMs = () => performance.timeOrigin + performance.now();

interface Delivered {
  seq: string;
  /** The driver's send time (epoch ms) carried in the title as `t=<ms>`. */
  title: string | null;
}

function main(): void {
  const config = JSON.parse(process.argv[2]!) as PoolConfig;
  const send = (m: FromPool) => process.send!(m);
  const acceptedAt = new Map<string, number>();
  // Each delivery's seq and arrival; accepted→received is taken at report time, after the load. Looking every
  // delivery's seq up as it arrived (and parking early ones until their 202) cost the pools CPU during the run, on
  // the cores the servers share: the same figure, computed later.
  const seqs = new Samples();
  const arrivals = new Samples();
  const s2r = new Samples();
  let delivered = 0;
  // bench:e2e --hops: each message with its client and arrival, and each client's socket id (hop-report.ts).
  const hops: PoolHops | null = process.env.BENCH_HOPS ? { msgs: [], ids: [], accepted: [] } : null;

  const onEvents = (events: Delivered[]): number => {
    const at = epochMs();
    for (const e of events) {
      delivered += 1;
      s2r.push(at - Number(e.title!.slice(2)));
      seqs.push(Number(e.seq));
      arrivals.push(at);
    }
    return at;
  };
  /** accepted→received per delivery whose acceptance the driver reported; one delivered before its 202 counts 0. */
  const acceptedToReceived = (): Float64Array => {
    const acc = new Map<number, number>();
    for (const [seq, at] of acceptedAt) acc.set(Number(seq), at);
    const a2r = new Samples();
    const s = seqs.values();
    const t = arrivals.values();
    for (let i = 0; i < s.length; i++) {
      const a = acc.get(s[i]!);
      if (a !== undefined) a2r.push(Math.max(0, t[i]! - a));
    }
    return a2r.values();
  };
  process.on('message', (m: ToPool) => {
    if (m.type === 'count') return send({ type: 'count', delivered });
    if (m.type === 'report') {
      if (hops) fs.writeFileSync(`${process.env.BENCH_HOPS}/pool-${process.pid}.json`, JSON.stringify({ ...hops, accepted: [...acceptedAt] }));
      send({ type: 'report', delivered, acceptedToReceived: acceptedToReceived(), sentToReceived: s2r.values().slice() });
      return;
    }
    for (const seq of m.seqs) acceptedAt.set(seq, m.at);
  });

  let ready = 0;
  const isReady = () => ++ready === config.clients && send({ type: 'ready' });
  for (let i = 0; i < config.clients; i++) {
    if (config.kind === 'socketio') {
      const s = io(config.url, { transports: ['websocket'], extraHeaders: { cookie: config.cookie } });
      s.on('connect', () => {
        if (hops) hops.ids[i] = s.id!;
        s.emit('resume', { afterSeq: null }, () => {});
      });
      s.once('synced', isReady);
      // Decoded to EventDtos as the console's live-connection.ts does, so the clients do a browser's work.
      s.on('events', ({ events, replay }: { events: EventsWire; replay: boolean }) => {
        if (replay) return;
        const d = decodeEvents(events);
        const at = onEvents(d);
        if (hops && d.length) hops.msgs.push([i, d[0]!.seq, d.at(-1)!.seq, d.length, at]);
      });
    } else {
      const ws = new WebSocket(config.url);
      ws.on('open', isReady);
      ws.on('message', (data: Buffer) => onEvents(JSON.parse(data.toString()) as Delivered[]));
    }
  }
}

if (process.send) {
  // A clean exit on SIGTERM, so --cpu-prof (BENCH_POOL_PROFILE) gets to write its profile.
  process.once('SIGTERM', () => process.exit(0));
  main();
}
