import { defineRoute } from '@/lib/api/define-route';
import { checkReadiness } from '@/lib/platform/check-readiness';
import { can, pub } from '@/lib/policy/route-policy';

/** Health for load balancers and orchestrators: public, no data. */
export const systemRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/health',
    operationId: 'health',
    summary: 'Liveness: the process is up and serving',
    policy: pub,
    handle: async () => ({ status: 'ok' }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ready',
    operationId: 'ready',
    summary: 'Readiness: database reachable, migrations applied, live tail keeping up (503 when not)',
    policy: pub,
    errors: [503],
    handle: async ({ rt }) => {
      const r = await checkReadiness(rt);
      return Response.json(r, { status: r.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics of the node that answers (admins; a scraper uses GET /metrics with METRICS_TOKEN)',
    policy: can('admin.manage'),
    response: { contentType: 'text/plain; version=0.0.4' },
    errors: [503],
    handle: async ({ rt }) => {
      if (!rt.metrics) return new Response('metrics not started', { status: 503 });
      const m = await rt.metrics.render();
      return new Response(m.body, { headers: { 'content-type': m.contentType, 'cache-control': 'no-store' } });
    },
  }),
];
