import type pg from 'pg';
import type { Person, WatchDto } from '@/lib/domain/teamwork';
import { liveRoom, type RtccServer } from '@/lib/realtime/gateway';
import { readOwners } from './read-owners';
import { incidentRoom } from './rooms';

interface ViewerSocket {
  data: { userId?: string; displayName?: string; role?: string };
}

/** Sockets in an incident's room → one entry per person (a user with two tabs open shows once). */
export function viewersOf(sockets: readonly ViewerSocket[]): Person[] {
  const byUser = new Map<string, Person>();
  for (const s of sockets) {
    const { userId, displayName, role } = s.data;
    if (userId && !byUser.has(userId)) byUser.set(userId, { userId, name: displayName ?? 'someone', role: role ?? '' });
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Who views the incident now (every node's sockets in its room, through the cluster adapter) and who owns it,
 * sent to the owning agency's live room: every console of the agency (and partners sharing its layers) updates
 * its queue marker and the incident's "viewing now / monitored by" line.
 */
export async function broadcastWatch(io: RtccServer, pool: pg.Pool, incidentId: string, agencyId: string): Promise<WatchDto> {
  const [sockets, owners] = await Promise.all([io.in(incidentRoom(incidentId)).fetchSockets(), readOwners(pool, [incidentId])]);
  const watch: WatchDto = { incidentId, viewers: viewersOf(sockets), owner: owners.get(incidentId) ?? null };
  io.to(liveRoom(agencyId)).emit('watch', watch);
  return watch;
}
