import { errorResponse } from '@/lib/platform/errors/error-response';
import { createGeofence } from '@/lib/geofences/create-geofence';
import { listGeofences } from '@/lib/geofences/list-geofences';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    return Response.json({ geofences: await listGeofences(runtime().pool, user.agencyId) }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    // Polygons can be large (a jurisdiction boundary): 2 MB.
    const geofence = await createGeofence(runtime().pool, user, await readJson(req, 2 * 1024 * 1024), clientIp(req.headers));
    return Response.json({ geofence }, { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
