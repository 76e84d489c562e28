import type { EventsWire } from './event-wire';
import type { IncidentDto } from './incident';
import type { RuleNotice } from './rule';
import type { NoteDto, TeamNotice, WatchDto } from './teamwork';
import type { WallStateDto } from './wall';

/**
 * The live protocol's version: the shapes of the messages below, the event wire (event-wire.ts) and IncidentDto
 * included. The server says it first on every connection (`hello`); a console built for another version stops
 * decoding and reloads itself, rather than read a new deploy's messages wrongly. Bump it with any such change:
 * tests/unit/live-protocol.test.ts holds each version's shapes and fails until it is bumped.
 */
export const LIVE_PROTOCOL = 2;

/** Socket.IO contract. Every server message carries seq so a client can resume without gap or duplicate. */
export interface ServerToClient {
  /** First on every connection, before anything the client asks for: the server's live protocol version. */
  hello: (info: { protocol: number }) => void;
  /** A batch of committed events, ascending by seq, with no gap since the client's last seq (decodeEvents). */
  events: (batch: { events: EventsWire; replay: boolean }) => void;
  /** Replay after (re)connect finished; live traffic follows. */
  synced: (info: { lastSeq: string }) => void;
  /** Incidents created or changed (by the correlator or a workflow action), pushed after COMMIT. */
  incidents: (batch: { incidents: IncidentDto[] }) => void;
  /** A rule's `notify` action (agency room, or the role room `agency:<id>:role:<role>`). */
  ruleNotice: (notice: RuleNotice) => void;
  /** The agency's video wall changed (room `agency:<id>:wall`, see lib/wall/wall-socket.ts). */
  wall: (state: WallStateDto) => void;
  /** Who views an incident now and who owns it (agency live room; lib/presence). */
  watch: (w: WatchDto) => void;
  /** A new note on an incident this socket has joined (room `incident:<id>`). */
  incidentNote: (note: NoteDto) => void;
  /** A mention, assignment or hand-off addressed to this user or role. */
  teamNotice: (notice: TeamNotice) => void;
}

export interface ClientToServer {
  /**
   * Resume from a seq (exclusive), within the live window (lib/realtime/gateway.ts); older or absent: a snapshot of
   * the window. A role that may search can replay beyond it by stating a search purpose (audited as a search).
   */
  resume: (req: { afterSeq: string | null; purpose?: string }, ack: (res: { ok: boolean; error?: string }) => void) => void;
  /** A wall page joins its agency's wall room and gets the current wall state. */
  wallJoin: (ack: (res: { ok: boolean; state?: WallStateDto; error?: string }) => void) => void;
  /** This tab shows an incident: join its room (viewers, notes). The ack carries its current watch. */
  presenceJoin: (req: { incidentId: string }, ack: (res: { ok: boolean; watch?: WatchDto; error?: string }) => void) => void;
  /** This tab no longer shows the incident. */
  presenceLeave: (req: { incidentId: string }) => void;
  /** Everything watched or owned in the socket's agencies now (after a (re)connect, for the queue). */
  presenceSync: (ack: (res: { ok: boolean; watches?: WatchDto[]; error?: string }) => void) => void;
}

export interface SocketData {
  userId: string;
  role: string;
  agencyId: string;
  /** The session behind the socket: the sweep cuts the socket when the session ends (idle lock, sign-out). */
  sessionId?: string;
  /** Agencies whose live rooms the socket is in (its own plus active shares), set on resume. */
  agencyIds?: string[];
  /** Shown to other consoles while this socket views an incident. */
  displayName?: string;
  /** Incidents this socket has joined (presence). */
  viewing?: string[];
}
