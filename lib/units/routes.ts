import { listRoute } from '@/lib/api/resource-routes';
import { ZUnitDto } from '@/lib/domain/unit';
import { can } from '@/lib/policy/route-policy';
import { listUnits } from './list-units';

export const unitRoutes = [
  listRoute({
    path: '/api/units',
    operationId: 'listUnits',
    summary: "The agency's units at their last AVL fix, for the console map's units layer",
    policy: can('console.view'),
    key: 'units',
    item: ZUnitDto,
    list: listUnits,
  }),
];
