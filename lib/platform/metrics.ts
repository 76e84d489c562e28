import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What one finished HTTP request adds to the request line and the metrics. */
export interface RequestNote {
  /** The declared route pattern (`/api/incidents/[id]`), never the URL (ids, tokens, query strings). */
  route?: string;
  userId?: string | null;
  /** Seqs an ingest request stored: the correlation key from ingest to correlator and push. */
  firstSeq?: string;
  lastSeq?: string;
  accepted?: number;
}

/**
 * The node's Prometheus registry (prom-client): Node's own figures (event loop lag, GC, heap) plus the ones below.
 * Gauges that read live state (sockets, lags, queue depths) are registered by whoever owns that state through
 * `gauge`, so this module knows no feature. Restreamers and cameras report through `gauge` too.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({ name: 'rtcc_http_requests_total', help: 'HTTP requests by route pattern and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly httpDuration = new Histogram({
    name: 'rtcc_http_request_duration_seconds', help: 'HTTP request duration by route pattern', labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10], registers: [this.registry],
  });
  readonly ingestAccepted = new Counter({ name: 'rtcc_ingest_accepted_total', help: 'Events acknowledged by this node, by ingest door', labelNames: ['route'], registers: [this.registry] });
  readonly ingestRefused = new Counter({ name: 'rtcc_ingest_refused_total', help: 'Ingest requests refused, by door and status (400/413/422 bad input, 401 key, 429 rate)', labelNames: ['route', 'status'], registers: [this.registry] });
  readonly jobRuns = new Counter({ name: 'rtcc_job_runs_total', help: 'Background job runs by job and outcome', labelNames: ['job', 'outcome'], registers: [this.registry] });

  constructor(labels: Record<string, string>) {
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry, prefix: 'rtcc_' });
  }

  /** A gauge read at scrape time (`collect` returns one value, or one per label set). */
  gauge(name: string, help: string, collect: () => number | Promise<number> | Map<string, number> | Promise<Map<string, number>>, label = 'name'): void {
    const g: Gauge = new Gauge({
      name, help, labelNames: [label], registers: [this.registry],
      async collect() {
        const v = await collect();
        if (v instanceof Map) {
          g.reset();
          for (const [k, n] of v) g.set({ [label]: k }, n);
        } else g.set(v);
      },
    });
  }

  request(method: string, status: number, seconds: number, note: RequestNote): void {
    const route = note.route ?? 'other';
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpDuration.observe({ route }, seconds);
    if (route.startsWith('/api/ingest')) {
      if (status >= 400) this.ingestRefused.inc({ route, status: String(status) });
      else if (note.accepted) this.ingestAccepted.inc({ route }, note.accepted);
    }
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
