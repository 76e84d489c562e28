import { defineRoute } from '@/lib/api/define-route';
import { noContent } from '@/lib/api/responses';
import { requestOrigin } from '@/lib/platform/http/request-meta';
import type { Runtime } from '@/lib/platform/runtime';
import { can } from '@/lib/policy/route-policy';
import { addEvents, addNote } from './add-note';
import { requestFootage, ZFootageRequest } from './community/footage-requests';
import { evidenceConfig } from './config';
import { createCase } from './create-case';
import { userActor } from './custody';
import { downloadItem } from './download-item';
import { getCase, listCases } from './get-case';
import { recordClip, ZRecordClip } from './record-clip';
import { createShare, revokeShare, ZCreateShare } from './share/create-share';
import { evidenceStorage } from './storage';
import { ZAddNote, ZCreateCase, ZLinkEvents } from './types';
import { uploadItem } from './upload-item';
import { verifyCase } from './verify-case';

const read = can('case.read');
const write = can('case.write');
const store = (rt: Runtime) => evidenceStorage(rt.env.DATA_DIR);

export const caseRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/cases',
    operationId: 'listCases',
    summary: "The agency's cases",
    policy: read,
    handle: async ({ rt, user }) => ({ cases: await listCases(rt.pool, user) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cases',
    operationId: 'createCase',
    summary: 'Open a case, empty, from an incident, or from search results (event seqs)',
    policy: write,
    body: ZCreateCase,
    response: { status: 201 },
    handle: ({ rt, user, body, ip }) => createCase(rt.pool, store(rt), user, body, ip),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/cases/[id]',
    operationId: 'getCase',
    summary: 'A case with its items and chain of custody (audited read)',
    policy: read,
    errors: [404],
    handle: ({ rt, user, params, ip }) => getCase(rt.pool, user, params.id!, ip),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cases/[id]/events',
    operationId: 'addCaseEvents',
    summary: 'Add stored events to a case as evidence items',
    policy: write,
    body: ZLinkEvents,
    response: { status: 201 },
    errors: [404],
    handle: async ({ rt, user, params, body, ip }) => ({ items: await addEvents(rt.pool, store(rt), user, params.id!, body, ip) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cases/[id]/notes',
    operationId: 'addCaseNote',
    summary: "Add a detective's note (stored and hashed like any item)",
    policy: write,
    body: ZAddNote,
    bodyLimit: 256 * 1024,
    response: { status: 201 },
    errors: [404],
    handle: async ({ rt, user, params, body, ip }) => ({ item: await addNote(rt.pool, store(rt), user, params.id!, body, ip) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cases/[id]/items',
    operationId: 'uploadCaseItem',
    summary: 'Upload a file as evidence (multipart: field `file`, optional `title` before it)',
    policy: write,
    rawBody: { contentTypes: ['multipart/form-data'] },
    response: { status: 201 },
    errors: [404, 413, 415],
    handle: async ({ rt, user, params, req, ip }) => ({ item: await uploadItem(rt.pool, store(rt), evidenceConfig(), user, params.id!, req, ip) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cases/[id]/clips',
    operationId: 'recordCaseClip',
    summary: "Record a time range of a camera's HLS stream as an evidence item",
    policy: write,
    body: ZRecordClip,
    bodyLimit: 16 * 1024,
    response: { status: 201 },
    errors: [404, 502],
    handle: async ({ rt, user, params, body, ip }) => ({ item: await recordClip(rt, store(rt), evidenceConfig(), user, params.id!, body, ip) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/cases/[id]/items/[itemId]/download',
    operationId: 'downloadCaseItem',
    summary: 'Download an evidence item (custody row written)',
    policy: read,
    response: { contentType: 'application/octet-stream' },
    errors: [404],
    handle: async ({ rt, user, params, ip }) => {
      const dl = await downloadItem(rt.pool, store(rt), user, params.id!, params.itemId!, ip);
      return new Response(dl.body, { headers: dl.headers });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cases/[id]/verify',
    operationId: 'verifyCase',
    summary: 'Re-hash every item and recompute the custody chain; 200 with ok: false and the problems when it fails',
    policy: read,
    errors: [404],
    handle: ({ rt, user, params, ip }) => verifyCase(rt.pool, store(rt), params.id!, user.agencyId, userActor(user, ip)),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cases/[id]/shares',
    operationId: 'createCaseShare',
    summary: 'An expiring share link for a recipient (attorney), shown this once',
    policy: write,
    body: ZCreateShare,
    bodyLimit: 16 * 1024,
    response: { status: 201 },
    errors: [404],
    handle: ({ rt, user, params, body, ip, req }) => createShare(rt.pool, user, params.id!, body, ip, requestOrigin(req)),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cases/[id]/shares/[shareId]/revoke',
    operationId: 'revokeCaseShare',
    summary: 'Revoke a share link now',
    policy: write,
    response: { status: 204 },
    errors: [404],
    handle: async ({ rt, user, params, ip }) => (await revokeShare(rt.pool, user, params.id!, params.shareId!, ip), noContent()),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/cases/[id]/footage-requests',
    operationId: 'requestCommunityFootage',
    summary: "Ask a community camera's owner for footage: { id, ownerUrl } (the link to e-mail the owner; shown once)",
    policy: write,
    body: ZFootageRequest,
    bodyLimit: 8 * 1024,
    response: { status: 201 },
    errors: [404],
    handle: ({ rt, user, params, body, ip, req }) => requestFootage(rt.pool, user, params.id!, body, ip, requestOrigin(req)),
  }),
];
