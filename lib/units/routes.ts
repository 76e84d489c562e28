import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { ZUnitDto } from '@/lib/domain/unit';
import { can } from '@/lib/policy/route-policy';
import { listUnits } from './list-units';

export const unitRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/units',
    operationId: 'listUnits',
    summary: "The agency's units at their last AVL fix, for the console map's units layer",
    policy: can('console.view'),
    response: { schema: z.object({ units: z.array(ZUnitDto) }) },
    handle: async ({ rt, user }) => ({ units: await listUnits(rt.pool, user.agencyId) }),
  }),
];
