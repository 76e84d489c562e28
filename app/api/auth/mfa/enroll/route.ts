import { enrollMfa } from '@/lib/auth/mfa';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** Start TOTP enrolment: returns the secret and an otpauth:// URI for the authenticator app (shown once). */
export async function POST(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'account.self');
    const result = await enrollMfa(runtime().pool, user, clientIp(req.headers));
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
