import 'server-only';
import { cookies, headers } from 'next/headers';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';
import { resolveSession } from './sessions';
import { SESSION_COOKIE, type SessionUser } from './session-user';

/** The signed-in user for a server component or route handler, or null. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (!token) return null;
  // The address goes into the audit row when a known session is refused (idle lock, expiry).
  return resolveSession(runtime().pool, token, { ip: clientIp(await headers()) });
}
