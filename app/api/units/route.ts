import { errorResponse } from '@/lib/platform/errors/error-response';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';
import { listUnits } from '@/lib/units/list-units';

export const dynamic = 'force-dynamic';

/** GET /api/units: the agency's units at their last AVL fix, for the console map's units layer (live part of the picture). */
export async function GET(req: Request) {
  try {
    const user = await requireUser(req, 'console.view');
    const units = await listUnits(runtime().pool, user.agencyId);
    return Response.json({ units }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
