import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { revokeAgencyShare } from '@/lib/agencies/agency-shares';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** Revoke now; the partner's open sockets on this agency's rooms are cut in the same request. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await requireUser(req, 'share.manage');
    const { id } = await params;
    const result = await revokeAgencyShare(runtime(), user, id, clientIp(req.headers));
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
