// bench:e2e's load driver and delivery collection, shared by the console run and the bare baseline.
import { epochMs } from './client-pool';
import type { ClientPools } from './client-pools';
import type { Samples } from './stats';

const now = () => performance.now();

/** Offered load: `rate` events/s for `seconds`, posted every `tickMs`. */
export interface Load {
  rate: number;
  seconds: number;
  tickMs: number;
}

export interface RunResult {
  accepted: number;
  delivered: number;
  expected: number;
  acceptedToReceived: Samples;
  sentToReceived: Samples;
  durationS: number;
}

/**
 * Send `rate` events/s for `seconds` through `send`, which resolves with the seqs it got accepted; `onAccepted` hears
 * each acknowledgement with its time (epoch ms). Titles carry the send time (`t=<epoch ms>`).
 */
export async function drive(
  load: Load,
  send: (events: { title: string }[]) => Promise<string[]>,
  onAccepted: (seqs: string[], at: number) => void,
): Promise<number> {
  const { rate: RATE, seconds: SECONDS, tickMs: TICK } = load;
  const t0 = now();
  let sent = 0;
  let total = 0;
  const inflight = new Set<Promise<void>>();
  while (now() - t0 < SECONDS * 1000) {
    const due = Math.floor(((now() - t0) / 1000) * RATE) - sent;
    if (due > 0) {
      const n = Math.min(due, 500);
      sent += n;
      const batch = Array.from({ length: n }, () => ({ title: `t=${epochMs()}` }));
      const p = send(batch).then((seqs) => {
        onAccepted(seqs, epochMs());
        total += seqs.length;
      });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    await new Promise((r) => setTimeout(r, TICK));
  }
  await Promise.all(inflight);
  return total;
}

/** After the last send, give deliveries up to 10 s to arrive, then collect every pool's samples. */
export async function collect(pools: ClientPools, total: number, clients: number, durationS: number): Promise<RunResult> {
  const expected = total * clients;
  const deadline = now() + 10_000;
  while ((await pools.delivered()) < expected && now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const r = await pools.report();
  return { accepted: total, delivered: r.delivered, expected, acceptedToReceived: r.acceptedToReceived, sentToReceived: r.sentToReceived, durationS };
}
