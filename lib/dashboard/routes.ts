import { defineRoute } from '@/lib/api/define-route';
import { ZDashboardDto, ZDrillDto, ZDrillQuery, ZPeriodQuery } from '@/lib/domain/dashboard';
import { can } from '@/lib/policy/route-policy';
import { drillDown } from './drill-down';
import { getDashboard } from './get-dashboard';

export const dashboardRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/dashboard',
    operationId: 'getDashboard',
    summary: 'Supervisor dashboard: open situations, calls per hour vs last week, response times, units, camera and source health',
    description: 'The period is the last `hours` (default 12, the current hour included) or `from`–`to`; at most 31 days.',
    policy: can('dashboard.view'),
    query: ZPeriodQuery,
    response: { schema: ZDashboardDto },
    handle: async ({ rt, user, query }) => getDashboard(rt.pool, user.agencyId, query),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/dashboard/drill',
    operationId: 'drillDashboard',
    summary: 'The incidents, calls, units or cameras behind one dashboard figure, with positions for the map',
    policy: can('dashboard.view'),
    query: ZDrillQuery,
    response: { schema: ZDrillDto },
    handle: async ({ rt, user, query }) => drillDown(rt.pool, user.agencyId, query),
  }),
];
