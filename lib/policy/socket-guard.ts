import type http from 'node:http';
import type pg from 'pg';
import { filterLiveSessions, touchDeviceSessions } from '@/lib/auth/sessions';
import type { SessionUser } from '@/lib/auth/session-user';
import { securityConfig } from '@/lib/auth/security-config';
import { authorize, visibleAgencies } from './authorize';
import { SOCKET_POLICIES } from './socket-policies';
import { loadShareGrants } from './share-grants';

/**
 * What the Socket.IO gateway needs from the policy module, so socket subscriptions go through the same rules as
 * HTTP routes (SOCKET_POLICIES in socket-policies.ts).
 */

/** May this user open the live socket at all ('live.subscribe', plus the MFA enrolment rule)? */
export function maySubscribe(user: SessionUser | null): boolean {
  if (!user) return false;
  if (user.role !== 'wall_device' && !user.mfa && securityConfig().MFA_REQUIRED) return false;
  return authorize(user, SOCKET_POLICIES.resume).allow;
}

/** The agencies whose live rooms the user may join: their own plus every active share granting 'layers'. */
export async function liveAgenciesFor(pool: pg.Pool, user: SessionUser): Promise<string[]> {
  return (await liveGrantsFor(pool, user)).agencyIds;
}

/**
 * The same, with when the first of those shares ends (null: none ends): the gateway cuts the socket then, as
 * revocation does, so an expired share stops streaming at `endsAt` and not at the next reconnect.
 */
export async function liveGrantsFor(pool: pg.Pool, user: SessionUser, now = new Date()): Promise<{ agencyIds: string[]; until: Date | null }> {
  const grants = await loadShareGrants(pool, user.agencyId);
  const agencyIds = visibleAgencies(user, 'layers', grants, now);
  let until: Date | null = null;
  for (const g of grants) {
    if (!g.endsAt || !agencyIds.includes(g.fromAgencyId) || !g.scope.includes('layers')) continue;
    if (!until || g.endsAt < until) until = g.endsAt;
  }
  return { agencyIds, until };
}

/**
 * Cross-site WebSocket hijacking guard for `allowRequest`: a browser handshake carries Origin; it must be ours.
 * Non-browser clients (no Origin) are let through to the cookie check.
 */
export function sameOriginHandshake(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === (req.headers['x-forwarded-host'] ?? req.headers.host);
  } catch {
    return false;
  }
}

interface SweepSocket {
  data: { sessionId?: string; role?: string };
  disconnect(close?: boolean): void;
}

/**
 * Every `intervalMs`, cut sockets whose session has ended (idle lock, 12 h re-authentication, sign-out, disabled
 * user). Reads sessions without touching last_seen_at, so an open socket does not keep a session alive.
 */
export function startSocketSessionSweep(
  io: { fetchSockets(): Promise<SweepSocket[]> },
  pool: pg.Pool,
  intervalMs = 60_000,
): { stop: () => void } {
  const timer = setInterval(() => {
    void (async () => {
      const sockets = await io.fetchSockets();
      const ids = [...new Set(sockets.map((s) => s.data.sessionId).filter((id): id is string => !!id))];
      // A connected wall kiosk is active; any other socket is not user activity (the idle lock stands).
      await touchDeviceSessions(pool, [...new Set(sockets.filter((s) => s.data.role === 'wall_device').map((s) => s.data.sessionId!).filter(Boolean))]);
      const live = await filterLiveSessions(pool, ids);
      for (const s of sockets) if (s.data.sessionId && !live.has(s.data.sessionId)) s.disconnect(true);
    })().catch(() => {});
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
