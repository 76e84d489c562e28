import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession } from '@/lib/auth/sessions';
import { ZEventInput } from '@/lib/domain/event';
import type { IncidentDto } from '@/lib/domain/incident';
import { transitionIncident } from '@/lib/incidents/transition-incident';
import { ingestEvents } from '@/lib/ingest/ingest-events';
import { type EventBus } from '@/lib/platform/bus';
import { type RtccServer } from '@/lib/realtime/gateway';
import { makeAgency, makeEvent, makeSource, makeUser, uid } from '@/tests/helpers/factories';
import { type TestDb } from '@/tests/helpers/test-db';
import { until } from './helpers';
import { startPushRig, type PushRig } from './push-rig';

/** The push path in one process (push-rig.ts): a real socket client of an operator receives the incidents. */
let rig: PushRig;
let db: TestDb;
let bus: EventBus;
let io: RtccServer;
let agencyId: string;
let sourceId: string;
let operator: Awaited<ReturnType<typeof makeUser>>;
let token: string;
const received: IncidentDto[] = [];

beforeAll(async () => {
  rig = await startPushRig();
  ({ db, bus, io } = rig);
  agencyId = (await makeAgency(db.pool)).id;
  sourceId = (await makeSource(db.pool, agencyId, 'cad')).id;
  operator = await makeUser(db.pool, agencyId, 'operator');
  await rig.startCorrelator();
  ({ token } = await rig.connect(operator.id, (s) => s.on('incidents', (b) => received.push(...b.incidents))));
});

afterAll(async () => {
  await rig?.stop();
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
