import type pg from 'pg';
import type { Namespace } from 'socket.io';
import type { BriefClientToServer, BriefServerToClient } from '@/lib/domain/brief';
import { ACTIVE_STATUSES } from '@/lib/domain/incident';
import type { RtccServer } from '@/lib/realtime/gateway';
import { BRIEF_COLUMNS, BRIEF_NAMESPACE, briefRoom, type BriefRow } from './brief-rows';
import { buildBriefView } from './brief-view';
import { Gone } from '@/lib/platform/errors/gone';
import { openBrief } from './open-brief';

export type BriefNamespace = Namespace<BriefClientToServer, BriefServerToClient, Record<string, never>, { briefId: string }>;

export const briefNamespace = (io: RtccServer) => io.of(BRIEF_NAMESPACE) as unknown as BriefNamespace;

/** How often this node looks for changes to the briefs its phones show (incident, unit position, hazards). */
const POLL_MS = 1500;

/**
 * The responder's live channel: the `/brief` namespace, authenticated by the link's token in the handshake (no
 * cookie, no console account; each connection is an audited open). Each node polls the briefs its own phones
 * show and pushes a fresh view when the incident or the unit changed; when the incident closes, the brief is
 * ended, the phones told, and the sockets dropped. Polling, not a hook in the correlator: it needs nothing from
 * the incident write path, and a phone can wait a second and a half.
 */
export function startBriefChannel(io: RtccServer, pool: pg.Pool, log: (line: string) => void = console.warn): { stop: () => void } {
  const nsp = briefNamespace(io);
  const sent = new Map<string, string>();
  nsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    // The socket's own peer address: a WebSocket upgrade does not pass server.ts's request handler, so a client
    // address header on it would be the client's word.
    openBrief(pool, typeof token === 'string' ? token : '', socket.handshake.address, 'live').then(
      (b) => {
        socket.data = { briefId: b.id };
        void socket.join(briefRoom(b.id));
        next();
      },
      (err: unknown) => next(new Error(err instanceof Gone ? 'gone' : 'not found')),
    );
  });
  nsp.on('connection', (socket) => {
    // A fresh phone gets the current view at once, whatever was last pushed to the others.
    const id = socket.data.briefId;
    void loadBrief(pool, id).then((b) => (b ? buildBriefView(pool, b) : null)).then((v) => v && socket.emit('briefUpdate', v), () => {});
  });

  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void tick(nsp, pool, sent).catch((err: Error) => log(`[briefs] ${err.message}`)).finally(() => (busy = false));
  }, POLL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

async function loadBrief(pool: pg.Pool, id: string): Promise<BriefRow | null> {
  const { rows } = await pool.query<BriefRow>(`SELECT ${BRIEF_COLUMNS} FROM responder_brief b WHERE b.id = $1`, [id]);
  return rows[0] ?? null;
}

async function tick(nsp: BriefNamespace, pool: pg.Pool, sent: Map<string, string>): Promise<void> {
  const ids = [...new Set([...nsp.sockets.values()].map((s) => s.data.briefId).filter(Boolean))];
  for (const id of sent.keys()) if (!ids.includes(id)) sent.delete(id);
  if (!ids.length) return;
  const { rows } = await pool.query<BriefRow & { incident_status: string | null; version: string }>(
    `SELECT ${BRIEF_COLUMNS}, i.status AS incident_status,
            i.updated_at::text || '|' || i.last_seq::text || '|' || coalesce(u.updated_at::text, '') || '|' ||
            (SELECT count(*) FROM incident_camera ic WHERE ic.incident_id = i.id)::text AS version
       FROM responder_brief b LEFT JOIN incident i ON i.id = b.incident_id
       LEFT JOIN unit u ON u.agency_id = b.agency_id AND u.call_sign = b.call_sign
      WHERE b.id = ANY($1::uuid[])`,
    [ids],
  );
  for (const b of rows) {
    const closed = !b.incident_status || !(ACTIVE_STATUSES as readonly string[]).includes(b.incident_status);
    const reason = b.revoked_at ? 'This brief was revoked' : closed || b.ended_at ? 'The incident is closed: this brief has ended' : b.expires_at.getTime() <= Date.now() ? 'This brief has expired' : null;
    if (reason) {
      if (closed && !b.ended_at) await pool.query('UPDATE responder_brief SET ended_at = now() WHERE id = $1 AND ended_at IS NULL', [b.id]);
      nsp.local.to(briefRoom(b.id)).emit('briefEnded', { reason });
      nsp.local.in(briefRoom(b.id)).disconnectSockets(true);
      sent.delete(b.id);
      continue;
    }
    if (sent.get(b.id) === b.version) continue;
    sent.set(b.id, b.version);
    // Also on the first tick that sees a brief: a change between a phone's connect and that tick must reach it.
    nsp.local.to(briefRoom(b.id)).emit('briefUpdate', await buildBriefView(pool, b));
  }
}
