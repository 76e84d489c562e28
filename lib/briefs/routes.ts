import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { ZBriefSummary, ZBriefView, ZCreateBriefBody, ZCreatedBrief, ZHazardBody } from '@/lib/domain/brief';
import { goneResponse } from '@/lib/platform/errors/gone';
import { can, shareToken } from '@/lib/policy/route-policy';
import { loadIncidentRef } from '@/lib/notes/load-incident';
import { listBriefs } from './brief-rows';
import { briefStream } from './brief-stream';
import { buildBriefView } from './brief-view';
import { createBrief } from './create-brief';
import { flagHazard } from './hazards';
import { openBrief } from './open-brief';
import { revokeBrief } from './revoke-brief';

export const briefRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/incidents/[id]/briefs',
    operationId: 'createResponderBrief',
    summary: "Send a responding unit a brief: a short-lived link for a phone, bound to the unit's call sign (shown once)",
    policy: can('brief.manage'),
    body: ZCreateBriefBody,
    response: { status: 201, schema: ZCreatedBrief },
    errors: [404, 409],
    handle: async ({ rt, user, params, body, ip }) => createBrief(rt, user, params.id!, body, ip),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/incidents/[id]/briefs',
    operationId: 'listResponderBriefs',
    summary: "An incident's briefs (who, until when, revoked or ended, last opened); never their links",
    policy: can('brief.manage'),
    response: { schema: z.object({ briefs: z.array(ZBriefSummary) }) },
    errors: [404],
    handle: async ({ rt, user, params }) => ({ briefs: await listBriefs(rt.pool, (await loadIncidentRef(rt.pool, user.agencyId, params.id!)).id) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/briefs/[id]/revoke',
    operationId: 'revokeResponderBrief',
    summary: 'Revoke a brief now: the link refuses and open phones are told and disconnected',
    policy: can('brief.manage'),
    response: { schema: z.object({ brief: ZBriefSummary }) },
    errors: [404],
    handle: async ({ rt, user, params, ip }) => ({ brief: await revokeBrief(rt, user, params.id!, ip) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/briefs/[token]/view',
    operationId: 'getResponderBrief',
    summary: "The brief's current view for the responder's phone: no account, the token is the key; every open audited",
    policy: shareToken,
    response: { schema: ZBriefView },
    errors: [404, 410],
    onError: goneResponse,
    handle: async ({ rt, params, ip }) => buildBriefView(rt.pool, await openBrief(rt.pool, params.token!, ip, 'page')),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/briefs/[token]/cameras/[cameraId]/stream/[...path]',
    operationId: 'getResponderBriefStream',
    summary: "Live HLS of a camera that sees the brief's incident, for the brief's holder only (checked per request, views audited)",
    policy: shareToken,
    response: { contentType: 'application/vnd.apple.mpegurl' },
    errors: [404, 410, 502],
    onError: goneResponse,
    handle: ({ rt, params, ip, req }) => briefStream(rt, { token: params.token!, cameraId: params.cameraId!, segments: params.rest, search: new URL(req.url).search, ip }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/hazards',
    operationId: 'flagPremiseHazard',
    summary: 'Flag a hazard at a premise (address and/or point): shown to responders sent near it',
    policy: can('hazard.manage'),
    body: ZHazardBody,
    response: { status: 201, schema: z.object({ id: z.string() }) },
    handle: async ({ rt, user, body, ip }) => flagHazard(rt.pool, user, body, ip),
  }),
];
