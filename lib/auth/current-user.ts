import 'server-only';
import { cookies } from 'next/headers';
import { runtime } from '@/lib/server/runtime';
import { resolveSession } from './sessions';
import { SESSION_COOKIE, type SessionUser } from './session-user';

/** The signed-in user for a server component or route handler, or null. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  return resolveSession(runtime().pool, jar.get(SESSION_COOKIE)?.value);
}
