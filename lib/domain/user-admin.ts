import { z } from 'zod';
import { ZRole } from './roles';

/**
 * Roles an agency admin may give a person. Wall devices are created with a device token, never by this form; a
 * platform administrator is named by another one (lib/agencies), never by an agency's own admin.
 */
export const ZAssignableRole = ZRole.exclude(['wall_device', 'platform_admin']);
export const ASSIGNABLE_ROLES = ZAssignableRole.options;

/** POST /api/admin/users: a user of the admin's own agency; the temporary password is generated and shown once. */
export const ZUserCreate = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3, 'At least 3 characters')
    .max(100)
    .regex(/^[A-Za-z0-9._@-]+$/, 'Letters, digits and . _ @ - only'),
  displayName: z.string().trim().min(1, 'Display name is required').max(200),
  role: ZAssignableRole,
});
export type UserCreate = z.infer<typeof ZUserCreate>;

/** PATCH /api/admin/users/[id]: change the role, or disable/enable the account. */
export const ZUserPatch = z
  .strictObject({
    role: ZAssignableRole.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((p) => p.role !== undefined || p.disabled !== undefined, 'give role or disabled');
export type UserPatch = z.infer<typeof ZUserPatch>;

/** A user as the admin page sees it: never the password hash or the MFA secret. */
export interface UserAdminDto {
  id: string;
  username: string;
  displayName: string;
  role: string;
  agencyName: string;
  disabled: boolean;
  mfaEnrolled: boolean;
  /** Sign-in locked after repeated failures, until this time; null when not locked. */
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}
