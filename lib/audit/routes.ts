import { defineRoute } from '@/lib/api/define-route';
import { can } from '@/lib/policy/route-policy';
import { audit } from './audit';
import { auditScopeFor, listAudit, ZAuditFilter } from './list-audit';
import { verifyAuditChain } from './verify-audit-chain';

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/audit',
    operationId: 'listAudit',
    summary: "The audit log of the admin's agency (a platform admin's: every agency), newest first, filtered (reading it is itself audited)",
    policy: can('audit.read'),
    query: ZAuditFilter,
    handle: async ({ rt, user, ip, query }) => {
      const page = await listAudit(rt.pool, query, auditScopeFor(user));
      await audit(rt.pool, { actor: user, action: 'audit.read', targetType: 'audit_log', ip, outcome: 'allow', details: { filter: query } });
      return page;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/audit/verify',
    operationId: 'verifyAuditChain',
    summary: 'Recompute the hash chain: { ok, rows, firstBrokenId?, reason?, headHash }',
    policy: can('audit.read'),
    handle: ({ rt }) => verifyAuditChain(rt.pool),
  }),
];
