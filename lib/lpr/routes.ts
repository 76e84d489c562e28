import { defineRoute } from '@/lib/api/define-route';
import { can } from '@/lib/policy/route-policy';
import { importHotlist } from './import-hotlist';

export const lprRoutes = [
  defineRoute({
    method: 'PUT',
    path: '/api/admin/hotlists',
    operationId: 'putHotlist',
    summary: "Replace the agency's LPR hotlist (CSV: plate, state, reason, priority, expiry)",
    policy: can('admin.manage'),
    rawBody: { contentTypes: ['text/csv'], description: 'CSV with header plate,state,reason,priority,expires_at' },
    errors: [413, 415],
    handle: ({ rt, user, req }) => importHotlist(rt, user, req),
  }),
];
