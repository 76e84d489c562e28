import { z } from 'zod';
import { ZLoginInput } from '@/lib/auth/login';
import { ZEventBatch } from '@/lib/domain/event';
import { ZAvlBatch } from '@/lib/ingest/adapters/avl-osmand';
import { ZCadBatch } from '@/lib/ingest/adapters/cad-json';
import { ZCameraBatch, ZHeartbeatBatch } from '@/lib/ingest/adapters/camera-registry';
import { ZGunshotBatch } from '@/lib/ingest/adapters/gunshot';
import { ZLprBatch } from '@/lib/ingest/adapters/lpr-webhook';
import { SIGNATURE_HEADER } from '@/lib/ingest/hmac';

/**
 * GET /api/openapi.json: the API as OpenAPI 3.1, request bodies generated from the same zod schemas that validate
 * them (zod 4's z.toJSONSchema; OpenAPI 3.1 schemas are JSON Schema 2020-12). Refinements the JSON Schema cannot
 * express (lat with lon, polygon rings) are only in the descriptions; the server still enforces them.
 */

type JsonSchema = Record<string, unknown>;

function schema(s: z.ZodType): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', reused: 'inline' });
  return rest;
}

const ZFieldIssue = z.object({ path: z.string(), message: z.string() });
export const ZErrorBody = z.object({
  error: z.string().describe('Safe to show to the caller'),
  code: z.string(),
  issues: z.array(ZFieldIssue).optional().describe('One entry per bad field, e.g. events[3].lat'),
});
export const ZReceiveSummary = z
  .object({
    accepted: z.number().int().describe('Events stored by this request'),
    duplicates: z.number().int().describe('Events already stored (same source and externalId): no-ops'),
    results: z.array(z.object({ externalId: z.string(), seq: z.string(), duplicate: z.boolean() })),
  })
  .catchall(z.number().int().describe('Adapter counters, e.g. outsideJurisdiction, hotlistHits'));

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      {
        description: ERROR_TEXT[c] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        ...(c === 429 || c === 503 ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } } : {}),
      },
    ]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid payload: nothing stored; `issues` names each field',
  401: 'Missing or unknown API key',
  413: 'Body larger than INGEST_MAX_BODY_BYTES',
  415: 'Wrong Content-Type',
  429: 'Rate limit of this source: retry after Retry-After seconds',
  503: 'Database unavailable: retry (idempotent)',
};

interface IngestOp {
  path: string;
  summary: string;
  body: JsonSchema;
  contentType?: string;
  status?: number;
}

const xmlBody: JsonSchema = { type: 'string', description: 'One CAP 1.2 <alert> document (no DTD, no entities)' };

const INGEST: IngestOp[] = [
  { path: '/api/ingest/events', summary: 'Batch of events in the console\'s own EventInput shape (all-or-nothing)', body: schema(ZEventBatch) },
  { path: '/api/ingest/cap', summary: 'CAP 1.2 alert (XML): polygons/circles become GeoJSON; DTDs and entities refused', body: xmlBody, contentType: 'application/cap+xml' },
  { path: '/api/ingest/eido', summary: 'NENA i3 EIDO JSON (bare, array, or STA-024 notify) → 911 call events', body: { type: 'object', description: 'NENA-STA-024 EIDO' } },
  { path: '/api/ingest/cad', summary: 'CAD incidents (create/update/status), code-mapped and jurisdiction-filtered per source', body: schema(ZCadBatch) },
  { path: '/api/ingest/avl', summary: 'Unit positions batch', body: schema(ZAvlBatch) },
  { path: '/api/ingest/gunshot', summary: 'Gunshot detections', body: schema(ZGunshotBatch) },
  { path: '/api/ingest/lpr', summary: 'Plate reads (generic JSON here; the OpenALPR alpr_group webhook is also accepted); hotlist hits raise alerts', body: schema(ZLprBatch) },
  { path: '/api/ingest/cameras', summary: 'Camera registry upsert', body: schema(ZCameraBatch), status: 200 },
  { path: '/api/ingest/cameras/heartbeat', summary: 'Camera status heartbeats', body: schema(ZHeartbeatBatch), status: 200 },
];

function ingestOperation(op: IngestOp): JsonSchema {
  return {
    post: {
      tags: ['ingest'],
      summary: op.summary,
      security: [{ apiKey: [] }, { apiKeyHeader: [] }],
      parameters: [
        {
          name: SIGNATURE_HEADER,
          in: 'header',
          required: false,
          description: 'HMAC-SHA256 of the raw body, required when the source has an HMAC secret',
          schema: { type: 'string' },
        },
      ],
      requestBody: { required: true, content: { [op.contentType ?? 'application/json']: { schema: op.body } } },
      responses: {
        [String(op.status ?? 202)]: {
          description: 'Stored and committed (idempotent by source and externalId)',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ReceiveSummary' } } },
        },
        ...errors(400, 401, 413, 415, 429, 503),
      },
    },
  };
}

let cached: JsonSchema | null = null;

export function buildOpenApi(): JsonSchema {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'RTCC console API',
      version: '0.1.0',
      description: 'Ingest (one path for every source: adapter → EventInput → one transaction) and sign-in.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    paths: {
      ...Object.fromEntries(INGEST.map((op) => [op.path, ingestOperation(op)])),
      '/api/ingest/avl/osmand': {
        get: {
          tags: ['ingest'],
          summary: 'Traccar OsmAnd protocol: id, lat, lon, timestamp… in the query string (key as ?key=)',
          security: [{ apiKeyQuery: [] }, { apiKey: [] }],
          parameters: ['id', 'lat', 'lon', 'timestamp', 'speed', 'bearing'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          responses: { '200': { description: 'Stored' }, ...errors(400, 401, 429) },
        },
      },
      '/api/auth/login': {
        post: {
          tags: ['auth'],
          summary: 'Sign in; sets the rtcc_session cookie',
          requestBody: { required: true, content: { 'application/json': { schema: schema(ZLoginInput) } } },
          responses: {
            '200': { description: 'Signed in', headers: { 'Set-Cookie': { schema: { type: 'string' } } } },
            ...errors(400, 401, 429),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Source API key: Authorization: Bearer rtcc_…' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        apiKeyQuery: { type: 'apiKey', in: 'query', name: 'key' },
        session: { type: 'apiKey', in: 'cookie', name: 'rtcc_session', description: 'Operator session from /api/auth/login' },
      },
      schemas: { Error: schema(ZErrorBody), ReceiveSummary: schema(ZReceiveSummary) },
    },
  };
  return cached;
}
