import { decideCommunityCamera } from '@/lib/evidence/community/approve-camera';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** Body `{ decision: 'approve' | 'reject' }` (supervisor, admin). */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    // Supervisors and admins: the same roles that manage what the agency shares and receives.
    const user = await requireUser(req, 'share.manage');
    const result = await decideCommunityCamera(runtime().pool, user, (await params).id, await readJson(req, 1024));
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
