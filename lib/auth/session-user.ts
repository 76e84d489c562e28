import { z } from 'zod';
import { ZRole } from '@/lib/domain/roles';

/** The signed-in user as every server component, route and socket sees it. */
export const ZSessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  agencyId: z.string(),
  agencyName: z.string(),
  sessionId: z.string(),
  /** TOTP confirmed for this user (with MFA_REQUIRED, users without it may only enrol). */
  mfa: z.boolean().default(false),
  /** Signed in with a temporary password (new account, admin reset): may only change it until then. */
  mustChangePassword: z.boolean().default(false),
});
export type SessionUser = z.infer<typeof ZSessionUser>;

export const SESSION_COOKIE = 'rtcc_session';
