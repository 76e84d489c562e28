import { audit } from '@/lib/audit/audit';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';
import { createUser } from '@/lib/users/create-user';
import { listUsers } from '@/lib/users/list-users';

export const dynamic = 'force-dynamic';

/** The agency's accounts; a sensitive read (who can see what), so it is audited like the audit log itself. */
export async function GET(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    const pool = runtime().pool;
    const users = await listUsers(pool, user.agencyId);
    await audit(pool, { actor: user, action: 'admin.user.list', targetType: 'user', ip: clientIp(req.headers), outcome: 'allow', details: { count: users.length } });
    return Response.json({ users }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

/** The new user and a temporary password: the only response that ever carries it. */
export async function POST(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    const result = await createUser(runtime().pool, user, await readJson(req, 16 * 1024), clientIp(req.headers));
    return Response.json(result, { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
