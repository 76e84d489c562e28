import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { rotateSourceKey } from '@/lib/sources/rotate-source-key';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** A new API key, shown once in this response; the old key is refused from now on. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    const { id } = await params;
    return Response.json(await rotateSourceKey(runtime().pool, user, id, clientIp(req.headers)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
