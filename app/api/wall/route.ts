import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';
import { getWall } from '@/lib/wall/get-wall';
import { updateWall } from '@/lib/wall/update-wall';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  try {
    const user = await requireUser(req, 'wall.view');
    return Response.json(await getWall(runtime().pool, user.agencyId), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Push to the agency's wall: `{ incidentId }`, `{ cameraIds }`, `{ layout }`, `{ mode: 'follow' }` (any combination). */
export async function POST(req: Request) {
  try {
    const user = await requireUser(req, 'wall.control');
    const body = await readJson(req, 16 * 1024);
    return Response.json(await updateWall(runtime(), user, body, clientIp(req.headers)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
