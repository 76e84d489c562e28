import crypto from 'node:crypto';
import type http from 'node:http';
import os from 'node:os';
import type pg from 'pg';
import type { Env } from '@/lib/platform/env';
import { logger } from '@/lib/platform/log';
import { Metrics, type RequestNote } from '@/lib/platform/metrics';
import { REQUEST_ID_HEADER } from '@/lib/platform/http/request-note';
import type { Runtime } from '@/lib/platform/runtime';
import { isTraceparent, originIds, originLog, type Origin } from '@/lib/platform/trace/origins';
import { startSpan, traceparentOf, tracer } from '@/lib/platform/trace/tracing';
import type { Span } from '@opentelemetry/api';
import type { EventTail } from '@/lib/realtime/event-tail';
import type { RtccServer } from '@/lib/realtime/gateway';

const ID_RE = /^[\w.-]{1,64}$/;

/** Coarse names for what the route wrapper does not serve, so no URL (ids, tokens, queries) reaches a log. */
function pathClass(url: string | undefined): string {
  const p = (url ?? '').split('?')[0]!;
  if (p.startsWith('/_next/')) return '/_next/*';
  if (p.startsWith('/socket.io')) return '/socket.io';
  if (p === '/metrics') return '/metrics';
  if (p.startsWith('/streams/')) return '/streams/*';
  if (p.startsWith('/api/')) return '/api/(unmatched)';
  return 'page';
}

/**
 * The HTTP edge's request line and this node's metrics: every request gets a request id (the proxy's X-Request-Id
 * when TRUST_PROXY, else a new one), echoed in the response; when it finishes one JSON line says method, route
 * pattern, status, duration and user id, plus the seqs an ingest stored (the same seqs appear on the push line).
 */
export interface ObservedNode {
  attach: (io: RtccServer, tail: EventTail, pool: pg.Pool) => void;
  /** Prometheus at GET /metrics with `Authorization: Bearer $METRICS_TOKEN` (404 when no token is set). True if handled. */
  scrape: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  /** The request's id and, when tracing, its span: what ingest records as the origin of the events it stores. */
  originOf: (req: http.IncomingMessage) => Origin;
}

const digest = (s: string) => crypto.createHash('sha256').update(s).digest();

export function observeNode(server: http.Server, runtime: Runtime, env: Env): ObservedNode {
  const metrics = new Metrics({ node: `${os.hostname()}:${env.PORT}` });
  const notes = new Map<string, RequestNote>();
  runtime.metrics = metrics;
  runtime.noteRequest = (id, note) => notes.set(id, { ...notes.get(id), ...note });
  const http = logger.child({ component: 'http' });
  const spans = new WeakMap<http.IncomingMessage, Span>();
  server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const t0 = performance.now();
    const given = env.TRUST_PROXY ? String(req.headers[REQUEST_ID_HEADER] ?? '') : '';
    const id = ID_RE.test(given) ? given : crypto.randomUUID();
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    // Tracing on: a server span, child of the proxy's traceparent when the proxy is trusted.
    const upstream = env.TRUST_PROXY ? String(req.headers.traceparent ?? '') : '';
    const span = startSpan(`HTTP ${req.method}`, { kind: 'server', parent: isTraceparent(upstream) ? upstream : undefined, attributes: { 'http.request.method': req.method ?? '', 'rtcc.request_id': id } });
    if (span) spans.set(req, span);
    res.once('close', () => {
      const note = notes.get(id) ?? {};
      notes.delete(id);
      const ms = performance.now() - t0;
      const route = note.route ?? pathClass(req.url);
      const status = res.writableFinished ? res.statusCode : 499;
      metrics.request(req.method ?? '-', status, ms / 1000, { ...note, route });
      if (span) {
        span.updateName(`${req.method} ${route}`);
        span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
        if (status >= 500) span.setStatus({ code: 2 });
        span.end();
      }
      const line = { reqId: id, method: req.method, route, status, ms: Math.round(ms * 10) / 10, user: note.userId ?? undefined,
        ...(note.firstSeq ? { seqs: [note.firstSeq, note.lastSeq] } : {}) };
      // Static files and the socket handshake at debug: a wall's asset load is not worth a line each.
      if (route === '/_next/*' || route === '/socket.io') http.debug(line, 'request');
      else if (status >= 500) http.error(line, 'request');
      else http.info(line, 'request');
    });
  });
  return {
    originOf(req) {
      const span = spans.get(req);
      return { id: String(req.headers[REQUEST_ID_HEADER]), ...(span ? { traceparent: traceparentOf(span) } : {}) };
    },
    scrape(req, res) {
      if ((req.url ?? '').split('?')[0] !== '/metrics') return false;
      const token = env.METRICS_TOKEN;
      const given = String(req.headers.authorization ?? '');
      if (!token || req.method !== 'GET') {
        res.writeHead(token ? 405 : 404).end();
      } else if (!crypto.timingSafeEqual(digest(given), digest(`Bearer ${token}`))) {
        res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      } else {
        void metrics.render().then(
          (m) => res.writeHead(200, { 'content-type': m.contentType, 'cache-control': 'no-store' }).end(m.body),
          () => res.writeHead(500).end(),
        );
      }
      return true;
    },
    attach(io, tail, pool) {
      const push = logger.child({ component: 'push' });
      // The tail has just handed the rows to the gateway (synchronous emits): one line, and a span per batch, naming
      // the requests that brought them.
      tail.onBatch((rows, upto) => {
        if (!rows.length) return;
        const debug = push.isLevelEnabled('debug');
        const traced = Boolean(tracer());
        if (!debug && !traced) return;
        const first = BigInt(rows[0]!.dto.seq);
        const origins = originLog().between(first - 1n, upto);
        const seqs = [rows[0]!.dto.seq, rows.at(-1)!.dto.seq];
        if (debug) push.debug({ reqIds: originIds(origins), seqs, n: rows.length }, 'pushed to sockets');
        if (traced) {
          const parents = origins.filter((o) => o.traceparent).map((o) => o.traceparent!);
          startSpan('rtcc.push.events', { parent: parents[0], links: parents.slice(1), attributes: { 'rtcc.events': rows.length, 'rtcc.seqs': seqs.join('-'), 'rtcc.request_ids': originIds(origins) } })?.end();
        }
      });
      metrics.gauge('rtcc_sockets', 'Socket.IO clients connected to this node', () => io.engine.clientsCount);
      const queues = () => [...io.of('/').sockets.values()].map((s) => (s.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length);
      metrics.gauge('rtcc_socket_queue_packets', 'Packets queued unsent, over all sockets (sum) and the worst one (max)', () => {
        const q = queues();
        return new Map([['sum', q.reduce((a, b) => a + b, 0)], ['max', Math.max(0, ...q)]]);
      }, 'stat');
      metrics.gauge('rtcc_tail_lag_ms', 'How far this node\'s live tail is behind the event log (commit → push)', () => runtime.health?.tailLagMs() ?? 0);
      metrics.gauge('rtcc_correlator_lag_ms', 'How far the correlator is behind the log (0 on nodes that are not the correlator)', () => runtime.health?.correlatorLagMs?.() ?? 0);
      metrics.gauge('rtcc_db_pool_clients', 'PostgreSQL pool clients (total, idle, waiting requests)', () =>
        new Map([['total', pool.totalCount], ['idle', pool.idleCount], ['waiting', pool.waitingCount]]), 'state');
      metrics.gauge('rtcc_draining', '1 while this node drains before it exits', () => (runtime.draining ? 1 : 0));
      // Events stored per source, cluster-wide (every node reports the same: use max() across nodes). Read
      // incrementally by seq at scrape time, so a scrape costs the rows since the last one.
      const stored = new Map<string, number>();
      let after: string | null = null;
      metrics.gauge('rtcc_events_stored', 'Events stored per source since this node started (cluster-wide)', async () => {
        if (after === null) after = (await pool.query<{ m: string }>('SELECT coalesce(max(seq), 0)::text AS m FROM event')).rows[0]!.m;
        const { rows } = await pool.query<{ source: string; n: number; m: string }>(
          'SELECT source_id::text AS source, count(*)::int AS n, max(seq)::text AS m FROM event WHERE seq > $1 GROUP BY source_id', [after]);
        for (const r of rows) {
          stored.set(r.source, (stored.get(r.source) ?? 0) + r.n);
          if (BigInt(r.m) > BigInt(after)) after = r.m;
        }
        return stored;
      }, 'source');
    },
  };
}
