import { errorResponse } from '@/lib/platform/errors/error-response';
import { deleteGeofence } from '@/lib/geofences/delete-geofence';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    const { id } = await params;
    await deleteGeofence(runtime().pool, user, id, clientIp(req.headers));
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
