import { errorResponse } from '@/lib/platform/errors/error-response';
import { requireAdmin } from '@/lib/ingest/require-admin';
import { clearJurisdiction, setJurisdiction } from '@/lib/sources/set-jurisdiction';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export async function PUT(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const admin = await requireAdmin();
    const { id } = await ctx.params;
    return Response.json(await setJurisdiction(runtime(), admin, id, req), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const admin = await requireAdmin();
    const { id } = await ctx.params;
    await clearJurisdiction(runtime(), admin, id);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
