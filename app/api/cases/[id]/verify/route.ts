import { userActor } from '@/lib/evidence/custody';
import { evidenceContext, noStore } from '@/lib/evidence/route-context';
import { verifyCase } from '@/lib/evidence/verify-case';
import { errorResponse } from '@/lib/platform/errors/error-response';

export const dynamic = 'force-dynamic';

/** Re-hash every item and recompute the custody chain. 200 with `ok: false` and the problems when it fails. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { rt, user, ip, storage } = await evidenceContext(req, 'case.read');
    const report = await verifyCase(rt.pool, storage, (await params).id, user.agencyId, userActor(user, ip));
    return Response.json(report, { headers: noStore });
  } catch (err) {
    return errorResponse(err);
  }
}
