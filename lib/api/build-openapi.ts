import { z } from 'zod';
import type { AnyRoute } from './define-route';

/**
 * The OpenAPI 3.1 document, generated from the route declarations (app/api/registry.ts): every route, its policy,
 * its input schemas (zod 4's z.toJSONSchema; OpenAPI 3.1 schemas are JSON Schema 2020-12) and its answers.
 * Refinements JSON Schema cannot express (lat with lon, polygon rings) stay in the server.
 */

type Json = Record<string, unknown>;

function schema(s: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any', reused: 'inline' });
  return rest;
}

const ZErrorBody = z.object({
  error: z.string().describe('Safe to show to the caller'),
  code: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('One entry per bad field, e.g. events[3].lat'),
});

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input: nothing stored; `issues` names each field',
  401: 'Not signed in, or missing / unknown key or token',
  403: "The caller's role (or agency) may not do this; the refusal is audited",
  404: 'No such resource (or not visible to the caller)',
  405: 'Method not allowed on this path',
  409: 'Conflicts with the current state',
  410: 'Expired or revoked',
  413: 'Body larger than the limit',
  415: 'Wrong Content-Type',
  429: 'Rate limited: retry after Retry-After seconds',
  502: 'The upstream (camera, provider) failed',
  503: 'Database unavailable: retry (idempotent)',
};

function errorResponses(route: AnyRoute): Json {
  const codes = new Set<number>(route.errors ?? []);
  if (route.body || route.query || route.rawBody) codes.add(400);
  if (route.body) codes.add(413).add(415);
  if (route.policy.kind === 'session') codes.add(401).add(403);
  if (route.policy.kind === 'sourceKey') codes.add(401).add(429).add(503);
  if (route.policy.kind === 'shareToken') codes.add(404);
  return Object.fromEntries(
    [...codes].sort().map((c) => [
      String(c),
      {
        description: ERROR_TEXT[c] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        ...(c === 429 || c === 503 ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } } : {}),
      },
    ]),
  );
}

function security(route: AnyRoute): Json[] | undefined {
  switch (route.policy.kind) {
    case 'session':
      return [{ session: [] }];
    case 'sourceKey':
      return [{ apiKey: [] }, { apiKeyHeader: [] }, ...(route.path.endsWith('/osmand') ? [{ apiKeyQuery: [] }] : [])];
    case 'shareToken':
    case 'public':
      return [];
  }
}

function parameters(route: AnyRoute): Json[] {
  const out: Json[] = route.path
    .split('/')
    .map((seg) => /^\[(?:\.\.\.)?(\w+)\]$/.exec(seg)?.[1])
    .filter((n): n is string => !!n)
    .map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  const q = route.query ?? route.queryDoc;
  if (q) {
    const js = schema(q) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, s] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: 'query', required: js.required?.includes(name) ?? false, schema: s });
    }
  }
  for (const h of route.headers ?? []) out.push({ name: h.name, in: 'header', required: h.required ?? false, description: h.description, schema: { type: 'string' } });
  return out;
}

function requestBody(route: AnyRoute): Json | undefined {
  if (route.body) {
    return { required: !route.bodyOptional, content: { 'application/json': { schema: schema(route.body) } } };
  }
  if (route.rawBody) {
    const s = route.rawBody.schema ? schema(route.rawBody.schema) : { type: 'string', ...(route.rawBody.description ? { description: route.rawBody.description } : {}) };
    return { required: true, content: Object.fromEntries(route.rawBody.contentTypes.map((t) => [t, { schema: s }])) };
  }
  return undefined;
}

function success(route: AnyRoute): Json {
  const r = route.response ?? {};
  const status = String(r.status ?? 200);
  if (status === '204') return { '204': { description: r.description ?? 'Done' } };
  const content = r.contentType
    ? { [r.contentType]: { schema: { type: 'string' } } }
    : { 'application/json': { schema: r.schema ? schema(r.schema, 'output') : { type: 'object' } } };
  return { [status]: { description: r.description ?? 'OK', content } };
}

function operation(route: AnyRoute): Json {
  const tag = route.path.split('/')[route.path.startsWith('/api/') ? 2 : 1] ?? 'app';
  const body = requestBody(route);
  const params = parameters(route);
  return {
    operationId: route.operationId,
    tags: [tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    'x-rtcc-policy': route.policy.kind === 'session' ? `session:${route.policy.action}` : route.policy.kind,
    security: security(route),
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: { ...success(route), ...errorResponses(route) },
  };
}

/** `/api/incidents/[id]` → `/api/incidents/{id}` (a catch-all `[...path]` becomes one `{path}` parameter). */
export const openApiPath = (path: string): string => path.replace(/\[(?:\.\.\.)?(\w+)\]/g, '{$1}');

export function buildOpenApi(routes: readonly AnyRoute[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) (paths[openApiPath(r.path)] ??= {})[r.method.toLowerCase()] = operation(r);
  return {
    openapi: '3.1.0',
    info: {
      title: 'RTCC console API',
      version,
      description: 'Every route of the console: ingest (one path for every source), the live picture, incidents, video, cases, search and administration. `x-rtcc-policy` names who may call each.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Source API key: Authorization: Bearer rtcc_…' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        apiKeyQuery: { type: 'apiKey', in: 'query', name: 'key' },
        session: { type: 'apiKey', in: 'cookie', name: 'rtcc_session', description: 'Session cookie from /api/auth/login' },
      },
      schemas: { Error: schema(ZErrorBody) },
    },
  };
}
