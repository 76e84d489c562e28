import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { deleteRoute, listRoute } from '@/lib/api/resource-routes';
import { ZRuleInput } from '@/lib/domain/rule';
import { AppError } from '@/lib/platform/errors/app-error';
import { can } from '@/lib/policy/route-policy';
import { deleteRule } from './delete-rule';
import { listRules } from './list-rules';
import { previewRule, ZRulePreviewRequest } from './preview-rule';
import { saveRule } from './save-rule';

// The role table gives rules to supervisors as well as administrators.
const admin = can('rule.manage');

/** A non-uuid id is simply not found (no 500 from PostgreSQL's uuid cast). */
function ruleId(id: string | undefined): string {
  if (!z.uuid().safeParse(id).success) throw new AppError('NOT_FOUND', 'No such rule');
  return id!;
}

export const ruleRoutes = [
  listRoute({
    path: '/api/admin/rules',
    operationId: 'listRules',
    summary: "The agency's correlation rules",
    policy: admin,
    key: 'rules',
    list: listRules,
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/rules',
    operationId: 'createRule',
    summary: 'Create a correlation rule',
    policy: admin,
    body: ZRuleInput,
    response: { status: 201 },
    handle: async ({ rt, user, body, ip }) => ({ rule: await saveRule(rt.pool, user, null, body, ip) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/rules/preview',
    operationId: 'previewRule',
    summary: "What a rule's premise would have matched among the agency's latest events of its kind (count, sample, incidents); nothing stored",
    policy: admin,
    body: ZRulePreviewRequest,
    bodyLimit: 32 * 1024,
    handle: ({ rt, user, body }) => previewRule(rt.pool, user.agencyId, body),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/admin/rules/[id]',
    operationId: 'updateRule',
    summary: 'Replace a correlation rule',
    policy: admin,
    body: ZRuleInput,
    errors: [404],
    handle: async ({ rt, user, params, body, ip }) => ({ rule: await saveRule(rt.pool, user, ruleId(params.id), body, ip) }),
  }),
  deleteRoute({
    path: '/api/admin/rules/[id]',
    operationId: 'deleteRule',
    summary: 'Delete a correlation rule',
    policy: admin,
    remove: (pool, user, id, ip) => deleteRule(pool, user, ruleId(id), ip),
  }),
];
