import http from 'node:http';

/**
 * Next.js loads a route's compiled modules on its first request, synchronously: the API dispatcher (every
 * feature's routes, behind proxy.ts) took ≈ 0.4 s of CPU, and a page its React server runtime. A node that does
 * that with consoles connected holds every push to them meanwhile. In a cluster only the node that served a
 * sign-in was warm; the others loaded the API on their first ingest request, mid-load (bench:e2e --nodes 3 --hops:
 * no event-loop turn for 3.8 and 5.2 s on a loaded machine, the p99 of the quiet run). So a node asks itself for
 * one API route and the sign-in page before it says it is ready. Only code loading is wanted: answers and errors
 * are ignored.
 */
export async function warmUp(port: number, host: string, log: (m: string) => void, paths = ['/api/health', '/login']): Promise<void> {
  const t0 = performance.now();
  const address = host === '0.0.0.0' || host === '::' || host === 'localhost' ? '127.0.0.1' : host;
  for (const path of paths) {
    await new Promise<void>((resolve) => {
      const req = http.get({ host: address, port, path, timeout: 30_000 }, (res) => {
        res.resume();
        res.once('end', resolve);
        res.once('error', () => resolve());
      });
      req.once('timeout', () => req.destroy());
      req.once('error', (err) => {
        log(`[start] warm-up of ${path} failed: ${err.message}`);
        resolve();
      });
    });
  }
  log(`[start] web routes loaded in ${Math.round(performance.now() - t0)} ms`);
}
