import type { Role } from '@/lib/domain/roles';
import { ACTION_ROLES } from './actions';

/** Payload keys that identify a caller (CAD/911 adapters write callerName / callerNumber; others vary). */
const CALLER_KEY = /^(caller|reporting_?party|rp_?)(name|number|phone|address)?$|^caller[A-Z_]/i;
export const MASK = '•••';

export function mayseeCallerIdentity(role: Role): boolean {
  return (ACTION_ROLES['caller.identity'] as readonly Role[]).includes(role);
}

/**
 * Caller name and number hidden from roles that do not need them (partner viewers, wall devices): the keys stay,
 * so the UI can show that something was withheld, but the values do not leave the server. Returns a copy.
 */
export function maskEventForRole<T extends { payload?: unknown }>(event: T, role: Role): T {
  if (mayseeCallerIdentity(role) || !isRecord(event.payload)) return event;
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event.payload)) payload[k] = CALLER_KEY.test(k) && v !== null && v !== '' ? MASK : v;
  return { ...event, payload };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
