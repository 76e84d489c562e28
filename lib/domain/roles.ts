import { z } from 'zod';

export const ROLES = ['operator', 'supervisor', 'detective', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;
