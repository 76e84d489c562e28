import { z } from 'zod';

/**
 * platform_admin: administers the deployment (creates and renames agencies, a regional centre hosting several) and
 * is an admin of their own agency too; an agency's `admin` manages only that agency.
 * partner_viewer: a user of another agency who sees what an agency share grants, read-only.
 * wall_device: a video-wall kiosk signed in with a device token, read-only; its open socket counts as activity.
 * Attorneys have no role: they reach evidence only through share links.
 */
export const ROLES = ['operator', 'supervisor', 'detective', 'admin', 'platform_admin', 'partner_viewer', 'wall_device'] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;
