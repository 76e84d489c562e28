import { errorResponse } from '@/lib/platform/errors/error-response';
import { importHotlist } from '@/lib/lpr/import-hotlist';
import { requireAdmin } from '@/lib/ingest/require-admin';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function PUT(req: Request): Promise<Response> {
  try {
    const admin = await requireAdmin();
    return Response.json(await importHotlist(runtime(), admin, req), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
