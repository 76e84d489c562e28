import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, resolveSession } from '@/lib/auth/sessions';
import { type CorrelatorHandle } from '@/lib/correlate/start-correlator';
import type { RuleNotice } from '@/lib/domain/rule';
import { createGeofence } from '@/lib/geofences/create-geofence';
import { getIncident } from '@/lib/incidents/get-incident';
import { adaptAvlBatch, fixToEvent } from '@/lib/ingest/adapters/avl-osmand';
import { ingestEvents } from '@/lib/ingest/ingest-events';
import { moveUnits } from '@/lib/ingest/unit-positions';
import { type EventBus } from '@/lib/platform/bus';
import { liveRoom, type RtccServer } from '@/lib/realtime/gateway';
import { saveRule } from '@/lib/rules/save-rule';
import { makeAgency, makeSource, makeUser } from '@/tests/helpers/factories';
import { type TestDb } from '@/tests/helpers/test-db';
import { caughtUp, until } from './helpers';
import { startPushRig, type PushRig } from './push-rig';

/**
 * Units and rule notices end to end: AVL fixes through the ingest path (which moves the `unit` rows), the
 * correlator's unit index turning them into enter/leave facts, rules notifying a role or the whole agency, and
 * real Socket.IO clients of each role (and of a partner agency) receiving — or not — the `ruleNotice`.
 */
let rig: PushRig;
let db: TestDb;
let bus: EventBus;
let io: RtccServer;
let correlator: CorrelatorHandle;
let agencyId: string;
let avlSource: string;
const got: Record<'operator' | 'supervisor' | 'partner', RuleNotice[]> = { operator: [], supervisor: [], partner: [] };

const square = (lat: number, lon: number, d: number) => ({
  type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});
const HOSPITAL = { lat: 37.7557, lon: -122.4049 };
const OUTSIDE = { lat: 37.7749, lon: -122.4194 };
let t = Date.parse('2026-11-25T10:00:00Z');

async function fix(unitId: string, p: { lat: number; lon: number }, status?: string): Promise<bigint> {
  t += 5000;
  const fixes = adaptAvlBatch({ positions: [{ unitId, ...p, timestamp: new Date(t).toISOString(), ...(status ? { status } : {}) }] });
  const { maxSeq } = await ingestEvents({ pool: db.pool }, avlSource, fixes.map(fixToEvent), { afterInsert: (c, r) => moveUnits(c, agencyId, fixes, r) });
  bus.committed(maxSeq!);
  await caughtUp(correlator, maxSeq!);
  return maxSeq!;
}

async function socketFor(agency: string, role: 'operator' | 'supervisor' | 'partner_viewer', into: RuleNotice[]): Promise<void> {
  const user = await makeUser(db.pool, agency, role);
  await rig.connect(user.id, (s) => s.on('ruleNotice', (n) => into.push(n)));
}

beforeAll(async () => {
  rig = await startPushRig();
  ({ db, bus, io } = rig);
  agencyId = (await makeAgency(db.pool)).id;
  avlSource = (await makeSource(db.pool, agencyId, 'avl')).id;
  const admin = await makeUser(db.pool, agencyId, 'admin');
  const adminUser = (await resolveSession(db.pool, (await createSession(db.pool, admin.id, 1, {})).token))!;
  await createGeofence(db.pool, adminUser, { name: 'SF General', kind: 'hospital', polygon: square(HOSPITAL.lat, HOSPITAL.lon, 0.001) }, null);
  await saveRule(db.pool, adminUser, null, {
    name: 'Unit at hospital', premise: { kind: 'avl', geofence: { kind: 'hospital', relation: 'enter' } },
    actions: [{ type: 'notify', message: 'Unit arrived at the hospital' }],
  }, null);
  await saveRule(db.pool, adminUser, null, {
    name: 'Unit left hospital', premise: { kind: 'avl', geofence: { kind: 'hospital', relation: 'leave' } },
    actions: [{ type: 'notify', role: 'supervisor', message: 'Unit is back in service area' }],
  }, null);
  correlator = await rig.startCorrelator();
  await socketFor(agencyId, 'operator', got.operator);
  await socketFor(agencyId, 'supervisor', got.supervisor);
  // A partner agency's viewer with a share of this agency's live view: rule notices are internal, never for it.
  const partner = (await makeAgency(db.pool)).id;
  await db.pool.query(
    `INSERT INTO agency_share (id, from_agency_id, to_agency_id, scope, starts_at, created_by) VALUES (gen_random_uuid(), $1, $2, ARRAY['layers'], now() - interval '1 minute', $3)`,
    [agencyId, partner, admin.id]);
  await socketFor(partner, 'partner_viewer', got.partner);
  // The partner really is in this agency's live room (so its receiving nothing below means something).
  expect((await io.in(liveRoom(agencyId)).fetchSockets()).length).toBe(3);
});

afterAll(async () => {
  await rig?.stop();
});

describe('units entering and leaving geofences notify consoles', () => {
  it('enter → agency-wide notice with rule name and reason; leave → only the supervisor role', async () => {
    await fix('E12', OUTSIDE);
    const enterSeq = await fix('E12', HOSPITAL, 'on_scene');
    await until(() => got.operator.length > 0 && got.supervisor.length > 0, 'the enter notice on both roles');
    const n = got.operator[0]!;
    expect(n).toMatchObject({ ruleName: 'Unit at hospital', message: 'Unit arrived at the hospital', reason: 'Unit GPS E12 entered hospital “SF General”', role: null, seq: enterSeq.toString() });
    expect(got.supervisor[0]).toMatchObject({ ruleName: 'Unit at hospital', seq: enterSeq.toString() });

    // Still inside: no new fact, no notice.
    await fix('E12', { lat: HOSPITAL.lat + 0.0002, lon: HOSPITAL.lon });
    const leaveSeq = await fix('E12', OUTSIDE, 'available');
    await until(() => got.supervisor.length === 2, 'the leave notice for supervisors');
    expect(got.supervisor[1]).toMatchObject({ ruleName: 'Unit left hospital', reason: 'Unit GPS E12 left hospital “SF General”', role: 'supervisor', seq: leaveSeq.toString() });
    // Pushes are in order: had the operator been sent anything more, it would have arrived before this batch's push.
    expect(got.operator).toHaveLength(1);
    expect(got.partner).toHaveLength(0);
  });

  it('a restarted correlator knows where units are: no spurious "entered" for a unit already inside', async () => {
    await fix('M7', HOSPITAL);
    await until(() => got.operator.some((n) => n.reason.includes('M7 entered')), 'M7 enter notice');
    const before = got.operator.length;
    await correlator.stop();
    correlator = await rig.startCorrelator();
    await fix('M7', { lat: HOSPITAL.lat - 0.0002, lon: HOSPITAL.lon });
    await fix('M7', { lat: OUTSIDE.lat + 0.0005, lon: OUTSIDE.lon });
    await until(() => got.supervisor.some((n) => n.reason.includes('M7 left')), 'M7 leave notice');
    expect(got.operator).toHaveLength(before);
  });

  it("an incident's nearest available units come from current AVL positions, busy units left out", async () => {
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO incident (id, agency_id, number, type_code, title, lat, lon, opened_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'T-1', 'Medical Incident', 'Medical Incident', $2, $3, now(), now()) RETURNING id`,
      [agencyId, OUTSIDE.lat, OUTSIDE.lon]);
    await fix('A1', { lat: OUTSIDE.lat + 0.01, lon: OUTSIDE.lon }, 'available');
    await fix('A2', { lat: OUTSIDE.lat + 0.002, lon: OUTSIDE.lon }, 'dispatched');
    const near = async () => (await getIncident(db.pool, agencyId, rows[0]!.id)).nearestUnits;
    // E12 is back outside and available (status reported with its last fix); M7 (55 m) is 'available' by default.
    expect((await near()).map((u) => [u.callSign, u.distanceM])).toEqual([['E12', 0], ['M7', 55], ['A1', 1106]]);
    // A1 moves next to the incident and becomes the nearest; A2 becomes available.
    await fix('A1', { lat: OUTSIDE.lat + 0.0001, lon: OUTSIDE.lon });
    await fix('A2', { lat: OUTSIDE.lat + 0.002, lon: OUTSIDE.lon }, 'available');
    const after = await near();
    expect(after.map((u) => [u.callSign, u.distanceM])).toEqual([['E12', 0], ['A1', 11], ['M7', 55], ['A2', 221]]);
  });
});
