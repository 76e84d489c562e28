import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { createSource } from '@/lib/sources/create-source';
import { listSources } from '@/lib/sources/list-sources';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    return Response.json({ sources: await listSources(runtime().pool, user.agencyId) }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

/** The new source and its API key: the only response that ever carries the plain key. */
export async function POST(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    const result = await createSource(runtime().pool, user, await readJson(req, 16 * 1024), clientIp(req.headers));
    return Response.json(result, { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
