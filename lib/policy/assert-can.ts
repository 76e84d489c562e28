import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/platform/errors/app-error';
import type { Action } from './actions';
import { authorize } from './authorize';

/**
 * A service's own check that its caller may do `action` (the route gate has already decided and audited; this
 * keeps a service safe when called from elsewhere, and narrows `SessionUser | null`). Same table, same answer.
 */
export function assertCan(user: SessionUser | null, action: Action): SessionUser {
  const d = authorize(user, action);
  if (d.allow) return user!;
  throw new AppError(d.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', d.reason);
}
