import crypto from 'node:crypto';
import http from 'node:http';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { resolveSession, createSession } from '@/lib/auth/sessions';
import { createAgencyShare, revokeAgencyShare } from '@/lib/agencies/agency-shares';
import { loadShareGrants } from '@/lib/policy/share-grants';
import { authorize } from '@/lib/policy/authorize';
import { purgeLprReads } from '@/lib/lpr/purge-lpr-reads';
import { makeAgency, makeSource, makeUser, uid } from '../../helpers/factories';
import { createTestDb, type TestDb } from '../../helpers/test-db';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.drop();
});

async function insertEvent(sourceId: string, kind: string, externalId: string, ageDays: number, typeCode = 'read'): Promise<string> {
  const { rows } = await db.pool.query<{ seq: string }>(
    `INSERT INTO event (source_id, external_id, kind, type_code, occurred_at, payload)
     VALUES ($1, $2, $3, $5, now() - make_interval(days => $4), '{}') RETURNING seq`,
    [sourceId, externalId, kind, ageDays, typeCode],
  );
  return rows[0]!.seq;
}

describe('LPR retention job', () => {
  it('purges old reads without a hotlist hit, keeps the rest, and leaves an audit row with the count', async () => {
    const agency = await makeAgency(db.pool);
    const src = await makeSource(db.pool, agency.id, 'lpr');
    const oldPlain = await Promise.all([1, 2, 3].map(() => insertEvent(src.id, 'lpr', uid('read'), 40)));
    const hitRead = uid('read');
    const oldHit = await insertEvent(src.id, 'lpr', hitRead, 40);
    await insertEvent(src.id, 'alert', `${hitRead}:hit`, 40, 'lpr_hotlist_hit');
    // Something else that merely carries the id (no hotlist hit) does not keep a read.
    const forgedRead = uid('read');
    const forged = await insertEvent(src.id, 'lpr', forgedRead, 40);
    await insertEvent(src.id, 'lpr', `${forgedRead}:hit`, 40);
    const recent = await insertEvent(src.id, 'lpr', uid('read'), 2);
    const oldCad = await insertEvent(src.id, 'cad', uid('cad'), 400);

    const result = await purgeLprReads(db.pool, 30);
    expect(result.purged).toBe(5);
    const left = (await db.pool.query<{ seq: string }>('SELECT seq FROM event WHERE source_id = $1', [src.id])).rows.map((r) => r.seq);
    for (const s of [...oldPlain, forged]) expect(left).not.toContain(s);
    for (const s of [oldHit, recent, oldCad]) expect(left).toContain(s);

    const { rows } = await db.pool.query(`SELECT actor_label, outcome, details FROM audit_log WHERE action = 'retention.lpr_purge'`);
    expect(rows).toEqual([{ actor_label: 'system:retention', outcome: 'allow', details: expect.objectContaining({ purged: 5, olderThanDays: 30 }) }]);
    expect((await verifyAuditChain(db.pool)).ok).toBe(true);
    // Nothing left to purge: no new audit row.
    expect((await purgeLprReads(db.pool, 30)).purged).toBe(0);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'retention.lpr_purge'`)).rows[0].n).toBe(1);
  });
});

describe('agency-to-agency shares', () => {
  it('grants scoped access and revocation cuts the partner\'s live socket at once', async () => {
    const owner = await makeAgency(db.pool);
    const partner = await makeAgency(db.pool);
    const adminU = await makeUser(db.pool, owner.id, 'admin');
    const viewerU = await makeUser(db.pool, partner.id, 'partner_viewer');
    const admin = (await resolveSession(db.pool, (await createSession(db.pool, adminU.id, 12, {})).token))!;
    const viewer = (await resolveSession(db.pool, (await createSession(db.pool, viewerU.id, 12, {})).token))!;

    const { id } = await createAgencyShare({ pool: db.pool }, admin, { toAgencyId: partner.id, scope: ['layers', 'live'] }, '127.0.0.1');
    const grants = await loadShareGrants(db.pool, partner.id);
    expect(authorize(viewer, 'incident.read', { agencyId: owner.id }, grants)).toMatchObject({ allow: true, via: 'share', shareId: id });
    expect(authorize(viewer, 'video.recorded', { agencyId: owner.id }, grants).allow).toBe(false);

    // A live Socket.IO server where the partner's socket sits in the owner's live room (as the gateway puts it).
    const server = http.createServer();
    const io = new Server(server, { transports: ['websocket'] });
    io.on('connection', (s) => {
      const agencyId = String(s.handshake.auth.agencyId);
      s.data = { agencyId };
      void s.join(`agency:${owner.id}:live`);
      s.emit('joined');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const join = (agencyId: string) => {
      const c = connect(url, { transports: ['websocket'], reconnection: false, auth: { agencyId } });
      return new Promise<typeof c>((r) => c.on('joined', () => r(c)));
    };
    try {
      const partnerSocket = await join(partner.id);
      const ownSocket = await join(owner.id);
      const cut = new Promise<string>((r) => partnerSocket.on('disconnect', (reason) => r(reason)));
      const t0 = Date.now();
      const result = await revokeAgencyShare({ pool: db.pool, io }, admin, id, '127.0.0.1');
      expect(result.socketsCut).toBe(1);
      expect(await cut).toBe('io server disconnect');
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(ownSocket.connected).toBe(true); // the owner's own users are untouched
      ownSocket.close();
    } finally {
      io.close();
    }
    expect(await loadShareGrants(db.pool, partner.id)).toEqual([]);
    const audits = (await db.pool.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [id])).rows.map((r) => r.action);
    expect(audits).toEqual(['admin.share.create', 'admin.share.revoke']);
    await expect(revokeAgencyShare({ pool: db.pool }, admin, id, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revokeAgencyShare({ pool: db.pool }, admin, crypto.randomUUID(), null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('socket guard', () => {
  it('sweeps sockets whose session ended and refuses cross-site handshakes', async () => {
    const { startSocketSessionSweep, sameOriginHandshake, liveAgenciesFor, maySubscribe } = await import('@/lib/policy/socket-guard');
    const agency = await makeAgency(db.pool);
    const u = await makeUser(db.pool, agency.id, 'operator');
    const live = await createSession(db.pool, u.id, 12, {});
    const idle = await createSession(db.pool, u.id, 12, {});
    const liveUser = (await resolveSession(db.pool, live.token))!;
    const idleUser = (await resolveSession(db.pool, idle.token))!;
    await db.pool.query(`UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [idleUser.sessionId]);
    const cut: string[] = [];
    const sock = (sessionId: string) => ({ data: { sessionId }, disconnect: () => void cut.push(sessionId) });
    const sweep = startSocketSessionSweep({ fetchSockets: async () => [sock(liveUser.sessionId), sock(idleUser.sessionId)] }, db.pool, 20);
    try {
      await expect.poll(() => cut, { timeout: 3000 }).toContain(idleUser.sessionId);
      expect(cut).not.toContain(liveUser.sessionId);
    } finally {
      sweep.stop();
    }
    expect(maySubscribe(liveUser)).toBe(true);
    expect(maySubscribe(null)).toBe(false);
    expect(await liveAgenciesFor(db.pool, liveUser)).toEqual([agency.id]);
    const req = (headers: Record<string, string>) => ({ headers }) as unknown as import('node:http').IncomingMessage;
    expect(sameOriginHandshake(req({ host: 'rtcc.local:3000', origin: 'http://rtcc.local:3000' }))).toBe(true);
    expect(sameOriginHandshake(req({ host: 'rtcc.local:3000', origin: 'https://evil.example' }))).toBe(false);
    expect(sameOriginHandshake(req({ host: 'rtcc.local:3000' }))).toBe(true);
  });
});
