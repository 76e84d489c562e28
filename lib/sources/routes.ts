import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { listRoute } from '@/lib/api/resource-routes';
import { noContent } from '@/lib/api/responses';
import { ZSourceCreate, ZSourcePatch } from '@/lib/domain/source';
import { MAX_CSV_BYTES } from '@/lib/ingest/csv-upload';
import { ZJurisdictionUpload } from '@/lib/ingest/adapters/jurisdiction';
import { can } from '@/lib/policy/route-policy';
import { createSource } from './create-source';
import { importCodeMap } from './import-code-map';
import { listSources } from './list-sources';
import { rotateSourceKey } from './rotate-source-key';
import { removeSourceSecret, rotateSourceSecret } from './rotate-source-secret';
import { clearJurisdiction, setJurisdiction } from './set-jurisdiction';
import { updateSource } from './update-source';

const admin = can('admin.manage');

export const sourceRoutes = [
  listRoute({
    path: '/api/admin/sources',
    operationId: 'listSources',
    summary: "The agency's data sources (key hints only, never keys)",
    policy: admin,
    key: 'sources',
    list: listSources,
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/sources',
    operationId: 'createSource',
    summary: 'Create a source; the response is the only one that ever carries its plain API key',
    policy: admin,
    body: ZSourceCreate,
    bodyLimit: 16 * 1024,
    response: { status: 201 },
    handle: ({ rt, user, body, ip }) => createSource(rt.pool, user, body, ip),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/admin/sources/[id]',
    operationId: 'updateSource',
    summary: 'Rename, enable or disable a source, or change its settings',
    policy: admin,
    body: ZSourcePatch,
    bodyLimit: 16 * 1024,
    errors: [404],
    handle: async ({ rt, user, params, body, ip }) => ({ source: await updateSource(rt.pool, user, params.id!, body, ip) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/sources/[id]/rotate-key',
    operationId: 'rotateSourceKey',
    summary: 'A new API key, shown once; the old key is refused from now on',
    policy: admin,
    errors: [404],
    handle: ({ rt, user, params, ip }) => rotateSourceKey(rt.pool, user, params.id!, ip),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/admin/sources/[id]/code-map',
    operationId: 'putSourceCodeMap',
    summary: "Replace a CAD source's code map (CSV: code, description, category, priority)",
    policy: admin,
    rawBody: { contentTypes: ['text/csv'], description: 'CSV with header code,description,category,priority' },
    errors: [404, 413, 415],
    handle: ({ rt, user, params, req }) => importCodeMap(rt, user, params.id!, req),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/sources/[id]/hmac-secret',
    operationId: 'rotateSourceSecret',
    summary: 'A new request-signing secret for the source, shown once',
    policy: admin,
    response: { status: 201, schema: z.object({ secret: z.string() }) },
    errors: [404],
    handle: ({ rt, user, params, ip }) => rotateSourceSecret(rt, user, params.id!, ip),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/admin/sources/[id]/hmac-secret',
    operationId: 'removeSourceSecret',
    summary: 'Stop requiring signed requests from the source',
    policy: admin,
    response: { status: 204 },
    errors: [404],
    handle: async ({ rt, user, params, ip }) => (await removeSourceSecret(rt, user, params.id!, ip), noContent()),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/admin/sources/[id]/jurisdiction',
    operationId: 'putSourceJurisdiction',
    summary: "Bound a source to its jurisdiction (GeoJSON Polygon or MultiPolygon, or a Feature of one)",
    policy: admin,
    body: ZJurisdictionUpload,
    bodyLimit: MAX_CSV_BYTES,
    errors: [404, 413],
    handle: ({ rt, user, params, body, ip }) => setJurisdiction(rt, user, params.id!, body, ip),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/admin/sources/[id]/jurisdiction',
    operationId: 'clearSourceJurisdiction',
    summary: 'The source is no longer bounded',
    policy: admin,
    response: { status: 204 },
    errors: [404],
    handle: async ({ rt, user, params, ip }) => (await clearJurisdiction(rt, user, params.id!, ip), noContent()),
  }),
];
