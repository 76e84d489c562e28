import crypto from 'node:crypto';
import type pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from '@/lib/domain/realtime';
import type { NoteDto, TeamNotice, WatchDto } from '@/lib/domain/teamwork';

/** An active incident of the agency, written as the correlator would (tests of what sits around incidents). */
export async function seedIncident(pool: pg.Pool, agencyId: string, over: { lat?: number; lon?: number; score?: number; address?: string; title?: string } = {}): Promise<{ id: string; number: string }> {
  const id = crypto.randomUUID();
  const number = `T${crypto.randomBytes(4).toString('hex')}`;
  await pool.query(
    `INSERT INTO incident (id, agency_id, number, status, type_code, title, lat, lon, address, score, reasons, opened_at, updated_at, last_seq)
     VALUES ($1, $2, $3, 'open', 'Structure Fire', $4, $5, $6, $7, $8, $9::jsonb, now(), now(), 1)`,
    [id, agencyId, number, over.title ?? 'Structure Fire', over.lat ?? 37.7793, over.lon ?? -122.4193, over.address ?? '1 Dr Carlton B Goodlett Pl', over.score ?? 45,
      JSON.stringify([{ key: 'base', text: 'CAD priority 2: Structure Fire', weight: over.score ?? 45 }])],
  );
  return { id, number };
}

/** A console's socket as the browser opens it (cookie, resume), recording what the teamwork topics push. */
export class TeamClient {
  readonly socket: Socket<ServerToClient, ClientToServer>;
  readonly watches: WatchDto[] = [];
  readonly notes: NoteDto[] = [];
  readonly notices: TeamNotice[] = [];
  synced = false;

  constructor(url: string, cookie: string) {
    this.socket = io(url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    this.socket.on('connect', () => this.socket.emit('resume', { afterSeq: null }, () => {}));
    this.socket.on('synced', () => (this.synced = true));
    this.socket.on('watch', (w) => this.watches.push(w));
    this.socket.on('incidentNote', (n) => this.notes.push(n));
    this.socket.on('teamNotice', (n) => this.notices.push(n));
  }

  join(incidentId: string): Promise<{ ok: boolean; watch?: WatchDto; error?: string }> {
    return new Promise((resolve) => this.socket.emit('presenceJoin', { incidentId }, resolve));
  }

  sync(): Promise<{ ok: boolean; watches?: WatchDto[] }> {
    return new Promise((resolve) => this.socket.emit('presenceSync', resolve));
  }

  lastWatch(incidentId: string): WatchDto | undefined {
    return this.watches.filter((w) => w.incidentId === incidentId).at(-1);
  }

  close(): void {
    this.socket.close();
  }
}

export async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
