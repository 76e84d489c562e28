import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from '@/lib/domain/realtime';
import { decodeEvents } from '@/lib/domain/event-wire';

/**
 * A console as the browser runs it (components/live/live-connection.ts): WebSocket only, reconnects by itself,
 * resumes from its last seq, keeps only events newer than the last one it holds.
 */
export class ConsoleClient {
  readonly socket: Socket<ServerToClient, ClientToServer>;
  /** Seqs the store kept, in the order it kept them. */
  readonly kept: bigint[] = [];
  /** Deliveries the store dropped as not newer than its last seq (overlaps around a reconnect). */
  overlaps = 0;
  connects = 0;
  private last: bigint | null = null;

  constructor(url: string, cookie: string) {
    this.socket = io(url, {
      transports: ['websocket'], extraHeaders: { cookie }, forceNew: true,
      reconnectionDelay: 100, reconnectionDelayMax: 1000,
    });
    this.socket.on('connect', () => {
      this.connects++;
      this.socket.emit('resume', { afterSeq: this.last === null ? null : this.last.toString() }, () => {});
    });
    this.socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') setTimeout(() => this.socket.connect(), 200);
    });
    this.socket.on('events', ({ events }) => {
      for (const e of decodeEvents(events)) {
        const seq = BigInt(e.seq);
        if (this.last !== null && seq <= this.last) {
          this.overlaps++;
          continue;
        }
        this.kept.push(seq);
        this.last = seq;
      }
    });
  }

  async synced(timeoutMs = 20_000): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('console never synced')), timeoutMs);
      this.socket.once('synced', () => (clearTimeout(t), resolve()));
    });
  }

  close(): void {
    this.socket.close();
  }
}
