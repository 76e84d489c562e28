import { listAdminCameras } from '@/lib/cameras/list-admin-cameras';
import { saveCamera } from '@/lib/cameras/save-camera';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { importCameras } from '@/lib/cameras/receive-cameras';
import { requireAdmin } from '@/lib/ingest/require-admin';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    return Response.json({ cameras: await listAdminCameras(runtime().pool, user.agencyId) }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Create or edit one camera (upsert by externalId); 201 when it is new. */
export async function POST(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    const { camera, created } = await saveCamera(runtime().pool, user, await readJson(req, 16 * 1024), clientIp(req.headers));
    return Response.json({ camera }, { status: created ? 201 : 200, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function PUT(req: Request): Promise<Response> {
  try {
    const admin = await requireAdmin();
    return Response.json(await importCameras(runtime(), admin, req), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
