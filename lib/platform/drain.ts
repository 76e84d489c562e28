import type http from 'node:http';

/**
 * Requests this node is still answering, so a drain waits for them (an ingest request is acked only after its
 * COMMIT: letting it finish is what "finish in-flight ingest" means) instead of cutting their connections.
 */
export interface InflightRequests {
  count: () => number;
  /** Resolves when no request is in flight, or after `timeoutMs` with the number still open. */
  settled: (timeoutMs: number) => Promise<number>;
}

export function trackInflight(server: http.Server): InflightRequests {
  let open = 0;
  let waiters: (() => void)[] = [];
  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    open++;
    res.once('close', () => {
      open--;
      if (open === 0) {
        const w = waiters;
        waiters = [];
        for (const f of w) f();
      }
    });
  });
  return {
    count: () => open,
    settled: (timeoutMs) =>
      new Promise<number>((resolve) => {
        if (open === 0) return resolve(0);
        const timer = setTimeout(() => resolve(open), timeoutMs);
        timer.unref();
        waiters.push(() => {
          clearTimeout(timer);
          resolve(0);
        });
      }),
  };
}
