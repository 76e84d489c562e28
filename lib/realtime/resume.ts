import type pg from 'pg';
import type { Socket } from 'socket.io';
import { auditSearch } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { encodeEvents } from '@/lib/domain/event-wire';
import type { ClientToServer, ServerToClient, SocketData } from '@/lib/domain/realtime';
import { decide } from '@/lib/policy/require-user';
import { purposeLabel, requireSearchPurpose } from '@/lib/policy/search-purpose';
import { liveGrantsFor } from '@/lib/policy/socket-guard';
import { readEventsAfter, readRecentEvents } from './event-rows';
import type { EventTail } from './event-tail';
import { eventsRoom, liveRoom } from './rooms';
import { seqReceivedWithin } from './seq-received-since';

export type RtccSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

/**
 * What a live console needs on (re)connect: the events received in this many minutes. Anything older is history,
 * reached through the purpose-bound, audited search, not the live socket.
 */
export const LIVE_WINDOW_MINUTES = 10;
const SNAPSHOT_SIZE = 1000;
const REPLAY_PAGE = 2000;

/**
 * Resume a socket after its last seq, then join its live rooms in the same tick that it catches up with the tail
 * (every event exactly once). Bounded to the live window: a gap reaching further back, or a fresh console, gets a
 * snapshot of the window instead, so no role receives old events (plate reads days old) through the socket. A role
 * that may search can replay beyond the window by stating a purpose; that replay is audited as a search.
 */
export async function resumeSocket(
  socket: RtccSocket,
  pool: pg.Pool,
  tail: EventTail,
  user: SessionUser,
  req: { afterSeq: string | null; purpose?: string },
  onShareEnd: (until: Date | null) => void,
): Promise<void> {
  for (const id of socket.data.agencyIds ?? []) await socket.leave(liveRoom(id));
  if (socket.data.agencyIds) await socket.leave(eventsRoom(socket.data.agencyIds));
  // Own agency plus agencies sharing their live layers now; a revoked share drops out at the next resume,
  // and revocation itself disconnects partner sockets at once (lib/agencies/agency-shares.ts).
  const { agencyIds, until } = await liveGrantsFor(pool, user);
  socket.data.agencyIds = agencyIds;
  onShareEnd(until);
  const windowStart = await liveWindowStart(pool);
  let cursor = req.afterSeq === null ? null : BigInt(req.afterSeq);
  const beyondWindow = cursor !== null && cursor + 1n < windowStart;
  if (beyondWindow && req.purpose !== undefined) await auditReplay(pool, user, req.purpose, cursor!, windowStart, agencyIds);
  else if (cursor === null || cursor > tail.cursor || beyondWindow) {
    const upto = tail.cursor;
    const snapshot = await readRecentEvents(pool, agencyIds, SNAPSHOT_SIZE, upto, windowStart);
    if (snapshot.length) socket.emit('events', { events: encodeEvents(snapshot.map((r) => r.dto)), replay: true });
    cursor = upto;
  }
  while (cursor! < tail.cursor) {
    if (socket.disconnected) return;
    const upto = tail.cursor;
    const rows = await readEventsAfter(pool, cursor!, { limit: REPLAY_PAGE, uptoSeq: upto, agencyIds });
    const visible = rows.filter((r) => !r.hidden).map((r) => r.dto);
    if (visible.length) socket.emit('events', { events: encodeEvents(visible), replay: true });
    cursor = rows.length === REPLAY_PAGE ? BigInt(rows[rows.length - 1]!.dto.seq) : upto;
  }
  // No await between the check above and the join: the tail cannot push in between.
  void socket.join([eventsRoom(agencyIds), ...agencyIds.map(liveRoom)]);
  socket.emit('synced', { lastSeq: cursor!.toString() });
}

let memo: { at: number; seq: bigint; pool: pg.Pool } | null = null;

/**
 * The first seq of the live window, shared for a second by every resume on this node (a drained node's consoles
 * all reconnect at once); a value a second old only makes the window a second longer.
 */
async function liveWindowStart(pool: pg.Pool): Promise<bigint> {
  if (memo && memo.pool === pool && Date.now() - memo.at < 1000) return memo.seq;
  const seq = await seqReceivedWithin(pool, LIVE_WINDOW_MINUTES);
  memo = { at: Date.now(), seq, pool };
  return seq;
}

/** A replay of history through the socket is a search: the role must allow it, the purpose is required and recorded. */
async function auditReplay(pool: pg.Pool, user: SessionUser, rawPurpose: string, afterSeq: bigint, windowStart: bigint, agencyIds: string[]): Promise<void> {
  await decide(pool, user, 'search.run');
  const purpose = purposeLabel(requireSearchPurpose(rawPurpose));
  await auditSearch(pool, {
    user,
    purpose,
    kind: 'live.replay',
    agencyId: user.agencyId,
    details: { afterSeq: afterSeq.toString(), liveWindowFromSeq: windowStart.toString(), agencies: agencyIds },
  });
}
