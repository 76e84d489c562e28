import type { EventDto } from './event';

/** Socket.IO contract. Every server message carries seq so a client can resume without gap or duplicate. */
export interface ServerToClient {
  /** A batch of committed events, ascending by seq, with no gap since the client's last seq. */
  events: (batch: { events: EventDto[]; replay: boolean }) => void;
  /** Replay after (re)connect finished; live traffic follows. */
  synced: (info: { lastSeq: string }) => void;
}

export interface ClientToServer {
  /** Resume from a seq (exclusive). '0' or absent: send the recent window as a snapshot. */
  resume: (req: { afterSeq: string | null }, ack: (res: { ok: boolean; error?: string }) => void) => void;
}

export interface SocketData {
  userId: string;
  role: string;
  agencyId: string;
}
