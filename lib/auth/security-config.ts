import { z } from 'zod';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * Security settings, read from the environment like every secret and limit. Kept beside the auth code
 * until lib/platform/env.ts takes them; the names and defaults are the documented ones.
 */
export const ZSecurityEnv = z.object({
  /** 1: every role that sees criminal-justice information must have TOTP enrolled (CJIS 5.6.2.2). Off in the demo. */
  MFA_REQUIRED: bool.default(false),
  /** Sign-in attempts per client address: sustained per minute, and burst. */
  LOGIN_RATE_PER_MIN: z.coerce.number().positive().max(100_000).default(30),
  LOGIN_BURST: z.coerce.number().int().min(1).max(100_000).default(30),
  /** LPR reads with no hotlist hit older than this are purged by the retention job. */
  LPR_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** A temporary password (new account, admin reset) stops working unused after this many hours. */
  TEMP_PASSWORD_HOURS: z.coerce.number().int().min(1).max(720).default(72),
});
export type SecurityEnv = z.infer<typeof ZSecurityEnv>;

export function securityConfig(source: NodeJS.ProcessEnv = process.env): SecurityEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([k, v]) => k in ZSecurityEnv.shape && v !== ''));
  return ZSecurityEnv.parse(cleaned);
}

/** CJIS 5.5.5: lock a session after 30 minutes of inactivity (wall devices in secure locations are exempt). */
export const IDLE_LOCK_MINUTES = 30;
/** Re-authentication at least every 12 hours, whatever SESSION_TTL_HOURS says. */
export const MAX_SESSION_HOURS = 12;
/** CJIS 5.5.3: lock after 5 unsuccessful attempts, for 10 minutes. */
export const LOCKOUT_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 10;
