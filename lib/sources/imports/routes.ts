import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { ZMappingSpec } from '@/lib/domain/source-mapping';
import { receiveFromSource } from '@/lib/ingest/source-request';
import { AppError } from '@/lib/platform/errors/app-error';
import { can, sourceKey } from '@/lib/policy/route-policy';
import { getImportJob, listImportJobs, rejectFile, startImportJob } from '../import-jobs';
import { loadImportTarget } from '../import-target';
import { previewMapping, ZPreviewRequest } from '../preview-mapping';
import { receiveImport, ZImportQuery } from '../receive-import';
import { getSourceMapping, saveSourceMapping } from '../source-mapping-store';

const admin = can('admin.manage');
const FILE_TYPES = ['text/csv', 'application/x-ndjson', 'application/json'] as const;

/** Mappings, their preview, and imports through them: admin upload, the HTTP import door, the replay CLI. */
export const importRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/admin/sources/[id]/mapping',
    operationId: 'getSourceMapping',
    summary: "The source's saved record mapping (null when none) and the zone its local times are read in",
    policy: admin,
    errors: [404],
    handle: ({ rt, user, params }) => getSourceMapping(rt.pool, user.agencyId, params.id!),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/admin/sources/[id]/mapping',
    operationId: 'putSourceMapping',
    summary: 'Save how CSV / NDJSON / JSON records of this source become events or cameras',
    policy: admin,
    body: ZMappingSpec,
    bodyLimit: 64 * 1024,
    errors: [404],
    handle: ({ rt, user, params, body, ip }) => saveSourceMapping(rt.pool, user, params.id!, body, ip),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/admin/sources/[id]/codes',
    operationId: 'getSourceCodes',
    summary: "The source's code map (code → console type, title, priority)",
    policy: admin,
    errors: [404],
    handle: async ({ rt, user, params }) => {
      await loadImportTarget(rt.pool, params.id!, user.agencyId);
      const { rows } = await rt.pool.query('SELECT code, description, category, priority FROM source_code_map WHERE source_id = $1 ORDER BY code', [params.id]);
      return { codes: rows };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/sources/[id]/mapping/preview',
    operationId: 'previewSourceMapping',
    summary: 'What a draft mapping makes of the first rows of a file: mapped values and each row’s refusal or warnings (nothing stored)',
    policy: admin,
    body: ZPreviewRequest,
    bodyLimit: 300 * 1024,
    errors: [404],
    handle: ({ rt, user, params, body }) => previewMapping(rt.pool, user.agencyId, params.id!, body),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/sources/[id]/imports',
    operationId: 'startSourceImport',
    summary: 'Import a file through the saved mapping; 202 with the job at once, rows accepted one by one',
    policy: admin,
    query: z.strictObject({ fileName: z.string().max(200).default('upload') }),
    rawBody: { contentTypes: FILE_TYPES, description: 'The file, as the mapping’s format (CSV, NDJSON or JSON)' },
    response: { status: 202 },
    errors: [404, 409, 413],
    handle: async ({ rt, user, params, req, query }) => Response.json({ job: await startImportJob(rt, user, params.id!, req, query.fileName) }, { status: 202 }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/admin/sources/[id]/imports',
    operationId: 'listSourceImports',
    summary: 'The source’s last imports with their counts',
    policy: admin,
    handle: async ({ rt, user, params }) => ({ jobs: await listImportJobs(rt.pool, user.agencyId, params.id!) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/admin/imports/[id]',
    operationId: 'getImportJob',
    summary: 'An import’s progress and outcome (accepted, duplicates, refused, warnings, first problems)',
    policy: admin,
    errors: [404],
    handle: async ({ rt, user, params }) => {
      const job = await getImportJob(rt.pool, user.agencyId, params.id!);
      if (!job) throw new AppError('NOT_FOUND', 'No such import');
      return { job };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/admin/imports/[id]/rejects',
    operationId: 'getImportRejects',
    summary: 'Every refused row of an import, as it came, with row number, field and reason (CSV or NDJSON)',
    policy: admin,
    response: { contentType: 'text/csv' },
    errors: [404],
    handle: ({ rt, user, params }) => rejectFile(rt.pool, user.agencyId, params.id!),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/ingest/import',
    operationId: 'ingestImport',
    summary: 'A file or a chunk of one through the source’s saved mapping, accepted row by row (refused rows named, never blocking the rest)',
    description:
      'Unlike the batch doors (all-or-nothing), every record stands alone: the answer counts accepted, duplicate and refused rows and lists the refused (field, reason, the record as sent) and duplicate ones; `report=rows` lists every row. `format=events` takes NDJSON of EventInput without a mapping.',
    policy: sourceKey,
    query: ZImportQuery,
    rawBody: { contentTypes: FILE_TYPES, description: 'CSV, NDJSON or JSON records' },
    errors: [400, 409, 413, 415, 429, 503],
    handle: ({ rt, req, query }) => receiveImport(rt, req, query),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ingest/mapping',
    operationId: 'ingestGetMapping',
    summary: "The calling source's own mapping and zone (the replay CLI paces a file by its mapped times)",
    policy: sourceKey,
    errors: [429],
    handle: async ({ rt, req }) => {
      const r = await receiveFromSource(rt, req);
      const t = await loadImportTarget(rt.pool, r.source.id);
      return { source: { name: t.name, kind: t.kind }, spec: t.spec, timeZone: t.timeZone };
    },
  }),
];
