import { errorResponse } from '@/lib/platform/errors/error-response';
import { requireAdmin } from '@/lib/ingest/require-admin';
import { removeSourceSecret, rotateSourceSecret } from '@/lib/sources/rotate-source-secret';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

/** A new secret, shown once in this response. */
export async function POST(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const admin = await requireAdmin();
    const { id } = await ctx.params;
    return Response.json(await rotateSourceSecret(runtime(), admin, id), { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const admin = await requireAdmin();
    const { id } = await ctx.params;
    await removeSourceSecret(runtime(), admin, id);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
