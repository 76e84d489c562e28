import { defineRoute } from '@/lib/api/define-route';
import { can } from '@/lib/policy/route-policy';
import { createAgencyShare, listAgencyShares, revokeAgencyShare, ZCreateAgencyShare } from './agency-shares';

const shares = can('share.manage');

export const agencyRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/agency-shares',
    operationId: 'listAgencyShares',
    summary: 'Shares this agency made or received',
    policy: shares,
    handle: async ({ rt, user }) => ({ shares: await listAgencyShares(rt.pool, user.agencyId) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/agency-shares',
    operationId: 'createAgencyShare',
    summary: "Share this agency's layers, cameras, live video or recordings with another agency for a period",
    policy: shares,
    body: ZCreateAgencyShare,
    bodyLimit: 4 * 1024,
    response: { status: 201 },
    errors: [404],
    handle: ({ rt, user, body, ip }) => createAgencyShare(rt, user, body, ip),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/agency-shares/[id]/revoke',
    operationId: 'revokeAgencyShare',
    summary: "Revoke now; the partner's open sockets on this agency's rooms are cut in the same request",
    policy: shares,
    errors: [404],
    handle: ({ rt, user, params, ip }) => revokeAgencyShare(rt, user, params.id!, ip),
  }),
];
