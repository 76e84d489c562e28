import 'server-only';
import { getCurrentUser } from '@/lib/auth/current-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/platform/errors/app-error';

/**
 * The one gate for the ingest admin routes (code maps, hotlists, camera import, source settings): 401 when
 * signed out, 403 for any role but admin. Kept in one place so the central policy module can replace it.
 */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign in first');
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an administrator may change ingest settings');
  return user;
}
