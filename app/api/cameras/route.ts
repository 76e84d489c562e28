import { errorResponse } from '@/lib/platform/errors/error-response';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';
import { listCameras } from '@/lib/cameras/list-cameras';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  try {
    const user = await requireUser(req, 'camera.list');
    const cameras = await listCameras(runtime().pool, user.agencyId);
    return Response.json({ cameras }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
