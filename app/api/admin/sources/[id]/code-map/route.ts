import { errorResponse } from '@/lib/platform/errors/error-response';
import { importCodeMap } from '@/lib/sources/import-code-map';
import { requireAdmin } from '@/lib/ingest/require-admin';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function PUT(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const admin = await requireAdmin();
    const { id } = await ctx.params;
    return Response.json(await importCodeMap(runtime(), admin, id, req), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
