import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';
import { resetUserMfa } from '@/lib/users/reset-user-mfa';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const admin = await requireUser(req, 'admin.manage');
    const { id } = await params;
    return Response.json({ user: await resetUserMfa(runtime().pool, admin, id, clientIp(req.headers)) }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
