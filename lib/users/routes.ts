import { defineRoute } from '@/lib/api/define-route';
import { audit } from '@/lib/audit/audit';
import { ZUserCreate, ZUserPatch } from '@/lib/domain/user-admin';
import { can } from '@/lib/policy/route-policy';
import { createUser } from './create-user';
import { listUsers } from './list-users';
import { resetUserMfa } from './reset-user-mfa';
import { resetUserPassword } from './reset-user-password';
import { unlockUser } from './unlock-user';
import { updateUser } from './update-user';

const admin = can('admin.manage');

export const userRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/admin/users',
    operationId: 'listUsers',
    summary: "The agency's accounts (a sensitive read: who can see what; audited)",
    policy: admin,
    handle: async ({ rt, user, ip }) => {
      const users = await listUsers(rt.pool, user.agencyId);
      await audit(rt.pool, { actor: user, action: 'admin.user.list', targetType: 'user', ip, outcome: 'allow', details: { count: users.length } });
      return { users };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/users',
    operationId: 'createUser',
    summary: 'Create a user; the response is the only one that carries the temporary password',
    policy: admin,
    body: ZUserCreate,
    bodyLimit: 16 * 1024,
    response: { status: 201 },
    handle: ({ rt, user, body, ip }) => createUser(rt.pool, user, body, ip),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/admin/users/[id]',
    operationId: 'updateUser',
    summary: "Change a user's role, name or status",
    policy: admin,
    body: ZUserPatch,
    bodyLimit: 16 * 1024,
    errors: [404, 409],
    handle: async ({ rt, user, params, body, ip }) => ({ user: await updateUser(rt.pool, user, params.id!, body, ip) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/users/[id]/reset-mfa',
    operationId: 'resetUserMfa',
    summary: "Remove a user's authenticator (they enrol again at next sign-in)",
    policy: admin,
    errors: [404],
    handle: async ({ rt, user, params, ip }) => ({ user: await resetUserMfa(rt.pool, user, params.id!, ip) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/users/[id]/reset-password',
    operationId: 'resetUserPassword',
    summary: 'Issue a temporary password (returned once): it must be changed at next sign-in and expires unused; sessions end',
    policy: admin,
    errors: [404, 409],
    handle: ({ rt, user, params, ip }) => resetUserPassword(rt.pool, user, params.id!, ip),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/users/[id]/unlock',
    operationId: 'unlockUser',
    summary: 'Lift a sign-in lockout',
    policy: admin,
    errors: [404],
    handle: async ({ rt, user, params, ip }) => ({ user: await unlockUser(rt.pool, user, params.id!, ip) }),
  }),
];
