import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/platform/errors/app-error';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';
import type { Resource } from './authorize';
import { pageAction, type GatedPage } from './page-policies';
import { decide, needsMfaEnrolment, needsPasswordChange } from './require-user';

/** The TOTP enrolment page: where MFA_REQUIRED sends a user who has no second factor yet. */
export const MFA_ENROL_PATH = '/account/mfa';
/** Where a user signed in with a temporary password chooses their own. */
export const PASSWORD_PATH = '/account/password';

/**
 * The gate for server components: anonymous → /login; a user who must enrol MFA first → the enrolment page; a
 * role that may not → 404 (the page's existence is not confirmed; `forbidden()` would need next.config's
 * experimental authInterrupts). Denials are audited by decide().
 */
export async function requirePageUser(page: GatedPage, resource: Resource = {}): Promise<SessionUser> {
  const action = pageAction(page);
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  try {
    return await decide(runtime().pool, user, action, resource, clientIp(await headers()));
  } catch (err) {
    if (err instanceof AppError && err.code === 'FORBIDDEN') {
      if (needsPasswordChange(user, action)) redirect(PASSWORD_PATH);
      if (needsMfaEnrolment(user, action)) redirect(MFA_ENROL_PATH);
      notFound();
    }
    throw err;
  }
}
