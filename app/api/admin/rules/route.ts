import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { listRules } from '@/lib/rules/list-rules';
import { saveRule } from '@/lib/rules/save-rule';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    return Response.json({ rules: await listRules(runtime().pool, user.agencyId) }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'admin.manage');
    const rule = await saveRule(runtime().pool, user, null, await readJson(req, 64 * 1024), clientIp(req.headers));
    return Response.json({ rule }, { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
