import http from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, resolveSession } from '@/lib/auth/sessions';
import { SESSION_COOKIE } from '@/lib/auth/session-user';
import { startCorrelator, type CorrelatorHandle } from '@/lib/correlate/start-correlator';
import { ZEventInput } from '@/lib/domain/event';
import type { IncidentDto } from '@/lib/domain/incident';
import type { ClientToServer, ServerToClient } from '@/lib/domain/realtime';
import { transitionIncident } from '@/lib/incidents/transition-incident';
import { ingestEvents } from '@/lib/ingest/ingest-events';
import { createBus, type EventBus } from '@/lib/platform/bus';
import { EventTail } from '@/lib/realtime/event-tail';
import { createGateway, type RtccServer } from '@/lib/realtime/gateway';
import { makeAgency, makeEvent, makeSource, makeUser, uid } from '@/tests/helpers/factories';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { until } from './helpers';

/**
 * The push path in one process: real PostgreSQL, the real gateway on a real HTTP server, a real socket client.
 * (The same flow runs in `npm start` once start-server.ts sets `runtime.io` and starts the correlator.)
 */
let db: TestDb;
let bus: EventBus;
let server: http.Server;
let io: RtccServer;
let tail: EventTail;
let correlator: CorrelatorHandle;
let socket: Socket<ServerToClient, ClientToServer>;
let agencyId: string;
let sourceId: string;
let operator: Awaited<ReturnType<typeof makeUser>>;
let token: string;
const received: IncidentDto[] = [];

beforeAll(async () => {
  db = await createTestDb();
  bus = await createBus(null);
  agencyId = (await makeAgency(db.pool)).id;
  sourceId = (await makeSource(db.pool, agencyId, 'cad')).id;
  operator = await makeUser(db.pool, agencyId, 'operator');
  server = http.createServer();
  tail = new EventTail(db.pool, bus);
  await tail.start();
  io = createGateway(server, db.pool, tail);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  correlator = startCorrelator({ pool: db.pool, bus, io }, () => {}, { lockRetryMs: 50 });
  await until(() => correlator.isLeader(), 'correlator to take the lock');
  token = (await createSession(db.pool, operator.id, 1, {})).token;
  const port = (server.address() as { port: number }).port;
  socket = connect(`http://127.0.0.1:${port}`, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` } });
  socket.on('incidents', (b) => received.push(...b.incidents));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.emit('resume', { afterSeq: null }, (res) => (res.ok ? resolve() : reject(new Error(res.error))));
  });
});

afterAll(async () => {
  socket?.close();
  await correlator?.stop();
  tail?.stop();
  await new Promise<void>((r) => (io ? io.close(() => r()) : r()));
  await bus?.close();
  await db?.drop();
});

describe('incident push to consoles', () => {
  it('pushes the incident after the correlator commits it, then every workflow change with who did it', async () => {
    const number = uid('cad');
    const rows = ['E1', 'M2'].map((unit) => makeEvent({ kind: 'cad', typeCode: 'Structure Fire', title: 'Structure Fire', priority: 1, payload: { incidentNumber: number, unitId: unit } }));
    const { maxSeq } = await ingestEvents({ pool: db.pool }, sourceId, rows.map((r) => ZEventInput.parse(r)));
    bus.committed(maxSeq!);
    await until(() => received.some((i) => i.number === number && i.reasons.some((r) => r.text === '2 units dispatched')), 'the incidents push');
    const pushed = received.filter((i) => i.number === number).at(-1)!;
    // Pushed only after COMMIT: what the socket got is in the database.
    const stored = await db.pool.query<{ score: number }>('SELECT score FROM incident WHERE id = $1', [pushed.id]);
    expect(stored.rows[0]!.score).toBe(pushed.score);
    expect(pushed.reasons[0]!.text).toBe('CAD priority 1: Structure Fire');
    expect(BigInt(pushed.lastSeq)).toBe(maxSeq);

    const user = (await resolveSession(db.pool, token))!;
    received.length = 0;
    await transitionIncident({ pool: db.pool, io }, user, pushed.id, 'escalate', { note: 'caller reports people trapped' });
    await until(() => received.some((i) => i.id === pushed.id && i.status === 'escalated'), 'the escalate push');
    const escalated = received.find((i) => i.id === pushed.id && i.status === 'escalated')!;
    expect(escalated.score).toBe(pushed.score + 25);
    const history = await db.pool.query<{ actor: string; change: string }>('SELECT actor, change FROM incident_history WHERE incident_id = $1 ORDER BY at, id', [pushed.id]);
    const last = history.rows.at(-1)!;
    expect(last.actor).toBe(operator.id);
    expect(last.change).toContain(`escalated by ${operator.username}`);
    expect(last.change).toContain('caller reports people trapped');
    // The correlator reloads operator-owned state: a later CAD row keeps the escalation and its reason.
    const more = makeEvent({ kind: 'cad', typeCode: 'Structure Fire', title: 'Structure Fire', priority: 1, payload: { incidentNumber: number, unitId: 'T3' } });
    const r2 = await ingestEvents({ pool: db.pool }, sourceId, [ZEventInput.parse(more)]);
    bus.committed(r2.maxSeq!);
    await until(() => received.some((i) => i.id === pushed.id && i.reasons.some((r) => r.text === '3 units dispatched')), 'the 3rd unit push');
    const after = await db.pool.query<{ status: string; reasons: { key: string }[] }>('SELECT status, reasons FROM incident WHERE id = $1', [pushed.id]);
    expect(after.rows[0]!.status).toBe('escalated');
    expect(after.rows[0]!.reasons.map((r) => r.key)).toContain('escalated');
  });
});
