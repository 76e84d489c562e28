import { cookies, headers } from 'next/headers';
import { audit } from '@/lib/audit/audit';
import { deleteSession, resolveSession } from '@/lib/auth/sessions';
import { SESSION_COOKIE } from '@/lib/auth/session-user';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function POST(): Promise<Response> {
  try {
    const pool = runtime().pool;
    const jar = await cookies();
    const token = jar.get(SESSION_COOKIE)?.value;
    if (token) {
      const ip = clientIp(await headers());
      const user = await resolveSession(pool, token, { ip });
      await deleteSession(pool, token);
      if (user) await audit(pool, { actor: user, action: 'auth.logout', targetType: 'session', targetId: user.sessionId, ip, outcome: 'allow' });
    }
    jar.delete(SESSION_COOKIE);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
