import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { can, pub, shareToken } from '@/lib/policy/route-policy';
import { evidenceConfig } from '../config';
import { evidenceStorage } from '../storage';
import { decideCommunityCamera, ZDecideCamera } from './approve-camera';
import { answerRequest } from './footage-requests';
import { registerCamera, ZRegisterCamera } from './register-camera';
import { uploadFootage } from './upload-footage';

export const communityRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/community/cameras',
    operationId: 'registerCommunityCamera',
    summary: 'A resident or business registers a camera (no account; rate limited per address; honeypot field `website`)',
    policy: pub,
    body: ZRegisterCamera,
    bodyLimit: 8 * 1024,
    response: { status: 201 },
    errors: [429],
    handle: ({ rt, body, ip }) => registerCamera(rt.pool, body, ip),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/community/cameras/[id]/decision',
    operationId: 'decideCommunityCamera',
    // Supervisors and admins: the same roles that manage what the agency shares and receives.
    summary: 'Approve or reject a registered community camera',
    policy: can('share.manage'),
    body: ZDecideCamera,
    bodyLimit: 1024,
    errors: [404],
    handle: ({ rt, user, params, body, ip }) => decideCommunityCamera(rt.pool, user, params.id!, body, ip),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/community/footage/[token]/answer',
    operationId: 'answerFootageRequest',
    summary: "The camera owner's answer through the e-mailed link (the token is the key)",
    policy: shareToken,
    body: z.strictObject({ decision: z.enum(['approve', 'decline']) }),
    bodyLimit: 1024,
    errors: [404, 410],
    handle: ({ rt, params, body, ip }) => answerRequest(rt.pool, params.token!, body.decision, ip),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/community/footage/[token]/upload',
    operationId: 'uploadCommunityFootage',
    summary: "The owner's footage for an approved request (multipart field `file`)",
    policy: shareToken,
    rawBody: { contentTypes: ['multipart/form-data'] },
    response: { status: 201 },
    errors: [404, 410, 413, 415],
    handle: async ({ rt, params, req, ip }) => {
      const item = await uploadFootage(rt.pool, evidenceStorage(rt.env.DATA_DIR), evidenceConfig(), params.token!, req, ip);
      return { ok: true, sha256: item.sha256, size: item.size };
    },
  }),
];
