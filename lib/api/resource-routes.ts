import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import type { Runtime } from '@/lib/platform/runtime';
import type { SessionPolicy } from '@/lib/policy/route-policy';
import { defineRoute, type RouteDecl } from './define-route';
import { noContent } from './responses';

/** What every declaration names: where it is, what the OpenAPI document calls it, who may call it. */
interface Named {
  path: string;
  operationId: string;
  summary: string;
  policy: SessionPolicy;
}

/**
 * GET: one kind of row of the signed-in user's agency, answered as `{ [key]: rows }` (`{ geofences: [...] }`).
 * `item` is the row's schema for the OpenAPI document; left out, the answer is documented without a schema.
 */
export function listRoute<K extends string>(decl: Named & {
  key: K;
  item?: z.ZodType;
  list: (pool: Runtime['pool'], agencyId: string) => Promise<readonly unknown[]>;
}): RouteDecl<SessionPolicy> {
  const { key, item, list, ...named } = decl;
  return defineRoute({
    method: 'GET',
    ...named,
    ...(item ? { response: { schema: z.object({ [key]: z.array(item) }) } } : {}),
    handle: async ({ rt, user }) => ({ [key]: await list(rt.pool, user.agencyId) }),
  });
}

/**
 * DELETE `…/[id]`: remove one row of the agency (the callee checks the agency, audits, and throws NOT_FOUND);
 * 204 when done.
 */
export function deleteRoute(decl: Named & {
  remove: (pool: Runtime['pool'], user: SessionUser, id: string, ip: string | null) => Promise<unknown>;
}): RouteDecl<SessionPolicy> {
  const { remove, ...named } = decl;
  return defineRoute({
    method: 'DELETE',
    ...named,
    response: { status: 204 },
    errors: [404],
    handle: async ({ rt, user, params, ip }) => (await remove(rt.pool, user, params.id!, ip), noContent()),
  });
}
