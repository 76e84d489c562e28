import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from '@/lib/domain/realtime';
import type { EventDto } from '@/lib/domain/event';
import { decodeEvents } from '@/lib/domain/event-wire';

/** A real Socket.IO client that records every event it is sent, the way the browser store does. */
export class LiveClient {
  readonly socket: Socket<ServerToClient, ClientToServer>;
  readonly seqs: bigint[] = [];
  readonly events: EventDto[] = [];
  lastSeq: string | null = null;
  syncedCount = 0;

  constructor(url: string, cookie: string, afterSeq: string | null = null) {
    this.lastSeq = afterSeq;
    this.socket = io(url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    this.socket.on('connect', () => this.socket.emit('resume', { afterSeq: this.lastSeq }, () => {}));
    this.socket.on('events', ({ events }) => {
      for (const e of decodeEvents(events)) {
        this.seqs.push(BigInt(e.seq));
        this.events.push(e);
        this.lastSeq = e.seq;
      }
    });
    this.socket.on('synced', () => (this.syncedCount += 1));
  }

  async waitFor(pred: (c: LiveClient) => boolean, timeoutMs = 10_000): Promise<void> {
    const t0 = Date.now();
    while (!pred(this)) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`timed out; have ${this.seqs.length} events, last ${this.lastSeq}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** Strictly ascending means no duplicate and no reordering. */
export function strictlyAscending(seqs: bigint[]): boolean {
  return seqs.every((s, i) => i === 0 || s > seqs[i - 1]!);
}
