import type { SessionUser } from '@/lib/auth/session-user';
import type { Role } from '@/lib/domain/roles';
import { AppError } from '@/lib/platform/errors/app-error';

/** Who may search the past and work cases. Operators watch the live picture; investigations are separate duty. */
export const INVESTIGATOR_ROLES: readonly Role[] = ['detective', 'supervisor', 'admin'];

export function requireInvestigator(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign in first');
  if (!INVESTIGATOR_ROLES.includes(user.role)) {
    throw new AppError('FORBIDDEN', `Role ${user.role} may not search history or work cases (detective, supervisor or admin)`);
  }
  return user;
}
