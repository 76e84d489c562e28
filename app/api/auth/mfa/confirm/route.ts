import { confirmMfa } from '@/lib/auth/mfa';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** Finish TOTP enrolment with a first code: `{ code }`. MFA is then required at every sign-in. */
export async function POST(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'account.self');
    const body = await readJson(req, 1024);
    await confirmMfa(runtime().pool, user, body, clientIp(req.headers));
    return Response.json({ enabled: true }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
