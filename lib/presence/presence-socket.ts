import type pg from 'pg';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { ClientToServer, ServerToClient, SocketData } from '@/lib/domain/realtime';
import { ZRole } from '@/lib/domain/roles';
import type { WatchDto } from '@/lib/domain/teamwork';
import { authorize } from '@/lib/policy/authorize';
import { loadShareGrants } from '@/lib/policy/share-grants';
import { SOCKET_POLICIES } from '@/lib/policy/socket-policies';
import { liveRoom, type RtccServer } from '@/lib/realtime/gateway';
import { broadcastWatch, viewersOf } from './broadcast-watch';
import { readActiveOwners } from './read-owners';
import { incidentRoom, parseViewingKey, viewingKey } from './rooms';

const ZJoin = z.strictObject({ incidentId: z.uuid() });
/** A socket shows a handful of incidents at most (tabs share nothing); more is a misbehaving client. */
const MAX_VIEWING = 20;

type Sock = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

/**
 * Presence: `presenceJoin` puts a socket in an incident's room after the same check as reading the incident
 * (`incident.read` on the incident's agency: own agency, or a share granting layers); joins, leaves and
 * disconnects are broadcast as `watch` to the agency's live room. `presenceSync` answers the whole picture
 * after a (re)connect, so a queue can mark incidents nobody is watching.
 */
export function registerPresenceHandlers(io: RtccServer, pool: pg.Pool, log: (line: string) => void = console.warn): void {
  const rebroadcast = (keys: readonly string[]) => {
    for (const key of keys) {
      const k = parseViewingKey(key);
      if (k) broadcastWatch(io, pool, k.incidentId, k.agencyId).catch((err: Error) => log(`[presence] ${err.message}`));
    }
  };

  io.on('connection', (socket: Sock) => {
    socket.on('presenceJoin', (req, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = ZJoin.safeParse(req);
      if (!parsed.success) return reply({ ok: false, error: 'incidentId must be a UUID' });
      join(io, pool, socket, parsed.data.incidentId).then(
        (watch) => reply(watch ? { ok: true, watch } : { ok: false, error: 'No such incident' }),
        (err: Error) => reply({ ok: false, error: err.message }),
      );
    });
    socket.on('presenceLeave', (req) => {
      const parsed = ZJoin.safeParse(req);
      if (!parsed.success) return;
      const key = (socket.data.viewing ?? []).find((k) => parseViewingKey(k)?.incidentId === parsed.data.incidentId);
      if (!key) return;
      socket.data.viewing = (socket.data.viewing ?? []).filter((k) => k !== key);
      void socket.leave(incidentRoom(parsed.data.incidentId));
      rebroadcast([key]);
    });
    socket.on('presenceSync', (ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      sync(io, pool, socket).then((watches) => reply({ ok: true, watches }), (err: Error) => reply({ ok: false, error: err.message }));
    });
    // Rooms are already left when 'disconnect' fires: the broadcast no longer counts this socket.
    socket.on('disconnect', () => rebroadcast(socket.data.viewing ?? []));
  });
}

async function join(io: RtccServer, pool: pg.Pool, socket: Sock, incidentId: string): Promise<WatchDto | null> {
  const { rows } = await pool.query<{ agency_id: string }>('SELECT agency_id FROM incident WHERE id = $1', [incidentId]);
  const agencyId = rows[0]?.agency_id;
  if (!agencyId) return null;
  const { userId, role, agencyId: own } = socket.data;
  const r = ZRole.safeParse(role);
  const grants = agencyId !== own ? await loadShareGrants(pool, own) : [];
  // Same answer as an HTTP read of the incident: an incident the caller may not read is "no such incident".
  if (!r.success || !authorize({ id: userId, role: r.data, agencyId: own }, SOCKET_POLICIES.presenceJoin, { agencyId }, grants).allow) return null;
  const key = viewingKey(agencyId, incidentId);
  const viewing = socket.data.viewing ?? [];
  if (!viewing.includes(key)) {
    if (viewing.length >= MAX_VIEWING) throw new Error(`A console views at most ${MAX_VIEWING} incidents at once`);
    socket.data.viewing = [...viewing, key];
  }
  await socket.join(incidentRoom(incidentId));
  return broadcastWatch(io, pool, incidentId, agencyId);
}

async function sync(io: RtccServer, pool: pg.Pool, socket: Sock): Promise<WatchDto[]> {
  const agencies = socket.data.agencyIds ?? [socket.data.agencyId];
  const [sockets, owners] = await Promise.all([io.in(agencies.map(liveRoom)).fetchSockets(), readActiveOwners(pool, agencies)]);
  const byIncident = new Map<string, typeof sockets>();
  for (const s of sockets) {
    for (const key of s.data.viewing ?? []) {
      const k = parseViewingKey(key);
      if (!k || !agencies.includes(k.agencyId)) continue;
      const list = byIncident.get(k.incidentId) ?? [];
      list.push(s);
      byIncident.set(k.incidentId, list);
    }
  }
  const ids = new Set([...byIncident.keys(), ...owners.keys()]);
  return [...ids].map((incidentId) => ({ incidentId, viewers: viewersOf(byIncident.get(incidentId) ?? []), owner: owners.get(incidentId) ?? null }));
}
