import { evidenceContext } from '@/lib/evidence/route-context';
import { revokeShare } from '@/lib/evidence/share/create-share';
import { errorResponse } from '@/lib/platform/errors/error-response';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, { params }: { params: Promise<{ id: string; shareId: string }> }): Promise<Response> {
  try {
    const { rt, user, ip } = await evidenceContext(req, 'case.write');
    const { id, shareId } = await params;
    await revokeShare(rt.pool, user, id, shareId, ip);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
