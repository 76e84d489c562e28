import { afterEach, describe, expect, it } from 'vitest';
import { createSession, resolveSession } from '@/lib/auth/sessions';
import { startCorrelator, type CorrelatorHandle } from '@/lib/correlate/start-correlator';
import { ZEventInput, type EventInputRaw } from '@/lib/domain/event';
import { getIncident } from '@/lib/incidents/get-incident';
import { mergeIncident, splitIncident } from '@/lib/incidents/merge-split';
import { createBus } from '@/lib/platform/bus';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { makeAgency, makeSource, makeUser } from '@/tests/helpers/factories';
import { caughtUp, ingestInTimeOrder, until } from './helpers';

/** Situations on real PostgreSQL with the real correlator: one shooting, CAD close, stale close/reopen, operators' merge/split. */
const quiet = () => {};
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

const T0 = Date.parse('2026-11-20T20:00:00Z');
const MIN = 60_000;
const P = { lat: 37.7749, lon: -122.4194 };
const at = (min: number) => new Date(T0 + min * MIN).toISOString();
const north = (m: number) => ({ lat: P.lat + m / 110_574, lon: P.lon });
let n = 0;
const e = (over: Partial<EventInputRaw> & Pick<EventInputRaw, 'kind' | 'typeCode'>) =>
  ZEventInput.parse({ externalId: `ev-${++n}`, occurredAt: at(0), ...P, priority: 2, ...over });

async function setup(quietMinutes: Record<string, number> = {}) {
  const db: TestDb = await createTestDb();
  const bus = await createBus(null);
  cleanup.push(() => db.drop(), () => bus.close());
  const agencyId = (await makeAgency(db.pool)).id;
  const src = {
    cad: await makeSource(db.pool, agencyId, 'cad'),
    call911: await makeSource(db.pool, agencyId, 'call911'),
    gunshot: await makeSource(db.pool, agencyId, 'gunshot'),
    sensor: await makeSource(db.pool, agencyId, 'sensor'),
  };
  const quietMs = Object.fromEntries(Object.entries(quietMinutes).map(([k, v]) => [k, v * MIN]));
  const start = () => startCorrelator({ pool: db.pool, bus }, quiet, { lockRetryMs: 50, engine: { quietMs: { cad: 720 * MIN, call911: 120 * MIN, gunshot: 60 * MIN, alert: 30 * MIN, rule: 60 * MIN, sensor: 60 * MIN, manual: 120 * MIN, ...quietMs } } });
  let c: CorrelatorHandle = start();
  cleanup.push(() => c.stop());
  const feed = async (events: ReturnType<typeof e>[]) => {
    const max = await ingestInTimeOrder(db.pool, bus, (['cad', 'call911', 'gunshot', 'sensor'] as const).map((k) => ({ sourceId: src[k].id, events: events.filter((x) => x.kind === k) })));
    await caughtUp(c, max);
  };
  /** A new correlator rebuilt from PostgreSQL, as after a restart or a takeover by another node. */
  const restart = async () => {
    await c.stop();
    c = start();
    await until(() => c.isLeader(), 'the new correlator to take the lock');
  };
  return { db, agencyId, feed, restart };
}

const shooting = () => [
  e({ kind: 'gunshot', typeCode: 'Multiple_Gunshots', title: 'Multiple Gunshots (4 rounds)', priority: 1, payload: { rounds: 4 } }),
  e({ kind: 'gunshot', typeCode: 'Multiple_Gunshots', title: 'Multiple Gunshots (3 rounds)', priority: 1, occurredAt: at(0.2), ...north(40), payload: { rounds: 3 } }),
  e({ kind: 'sensor', typeCode: 'panic', title: 'panic button', occurredAt: at(1), ...north(20), payload: { sensorId: 'PB-7' } }),
  e({ kind: 'call911', typeCode: 'SHOTS', title: 'Shots fired', occurredAt: at(2), ...north(120) }),
  e({ kind: 'call911', typeCode: 'SHOTS', title: 'Shots fired, one down', occurredAt: at(2.5), ...north(80), priority: 1 }),
  e({ kind: 'call911', typeCode: 'SHOOTING', title: 'Person shot', occurredAt: at(3), ...north(150) }),
  e({ kind: 'cad', typeCode: 'SHOOTING', title: 'Shooting', occurredAt: at(4), ...north(60), priority: 1, payload: { incidentNumber: 'P26-100', status: 'dispatched', units: [{ callSign: '3A12' }] } }),
];

describe('situations on the real correlator', () => {
  it('a shooting (burst, panic alarm, three calls, CAD) is ONE incident with every join reason, and the CAD close closes it', async () => {
    const { db, agencyId, feed } = await setup();
    await feed(shooting());
    const live = await db.pool.query<{ id: string; number: string; status: string; reasons: { key: string; text: string }[]; score: number; cad_status: string }>(
      `SELECT id, number, status, reasons, score, cad_status FROM incident WHERE agency_id = $1 AND status <> 'merged'`, [agencyId]);
    expect(live.rows.map((r) => r.number)).toEqual(['P26-100']);
    const inc = live.rows[0]!;
    expect(inc.cad_status).toBe('dispatched');
    expect(inc.score).toBeGreaterThanOrEqual(50);
    expect(inc.reasons.map((r) => r.key)).toContain('life');
    const links = await db.pool.query<{ kind: string; reason: string }>(
      `SELECT e.kind, ie.reason FROM incident_event ie JOIN event e ON e.seq = ie.event_seq WHERE ie.incident_id = $1 ORDER BY e.occurred_at`, [inc.id]);
    expect(links.rows).toHaveLength(7);
    const reasons = links.rows.map((l) => l.reason).join('\n');
    expect(reasons).toMatch(/911 call \d+ m and \d+ min after gunshot burst of SST-\d+/);
    expect(reasons).toMatch(/Sensor \d+ m and 1 min after gunshot burst/);

    await feed([e({ kind: 'cad', typeCode: 'SHOOTING', title: 'Shooting', occurredAt: at(50), ...north(60), priority: 1, payload: { incidentNumber: 'P26-100', status: 'cleared' } })]);
    const closed = await db.pool.query<{ status: string; closed_by: string; cad_status: string }>('SELECT status, closed_by, cad_status FROM incident WHERE id = $1', [inc.id]);
    expect(closed.rows[0]).toEqual({ status: 'closed', closed_by: 'cad', cad_status: 'cleared' });
  });

  it('a situation without CAD goes stale after its quiet period and reopens when a report joins', async () => {
    const { db, agencyId, feed } = await setup({ gunshot: 20 });
    await feed([e({ kind: 'gunshot', typeCode: 'Single_Gunshot', title: 'Single Gunshot', priority: 2, payload: { rounds: 1 } })]);
    // Reports elsewhere move the correlator's clock (event time) past the quiet period.
    await feed([e({ kind: 'call911', typeCode: 'NOISE', title: 'Loud music', occurredAt: at(30), ...north(6000), priority: 4 })]);
    const sst = await db.pool.query<{ id: string; status: string; closed_by: string }>(`SELECT id, status, closed_by FROM incident WHERE agency_id = $1 AND number LIKE 'SST-%'`, [agencyId]);
    expect(sst.rows[0]).toMatchObject({ status: 'closed', closed_by: 'stale' });
    await feed([e({ kind: 'call911', typeCode: 'SHOTS', title: 'Shots fired (late report)', occurredAt: at(8), ...north(100) })]);
    const back = await db.pool.query<{ status: string; closed_by: string | null }>('SELECT status, closed_by FROM incident WHERE id = $1', [sst.rows[0]!.id]);
    expect(back.rows[0]).toEqual({ status: 'open', closed_by: null });
    const hist = await db.pool.query<{ change: string }>('SELECT change FROM incident_history WHERE incident_id = $1 ORDER BY coalesce(occurred_at, at), id', [sst.rows[0]!.id]);
    expect(hist.rows.map((h) => h.change).join('\n')).toMatch(/closed: stale[\s\S]*reopened: 911 call/);
  });

  it('a situation closed as stale before a correlator restart still reopens when a report joins it after', async () => {
    const { db, agencyId, feed, restart } = await setup({ gunshot: 20 });
    await feed([e({ kind: 'gunshot', typeCode: 'Single_Gunshot', title: 'Single Gunshot', priority: 2, payload: { rounds: 1 } })]);
    await feed([e({ kind: 'call911', typeCode: 'NOISE', title: 'Loud music', occurredAt: at(30), ...north(6000), priority: 4 })]);
    const sst = await db.pool.query<{ id: string; status: string; closed_by: string }>(`SELECT id, status, closed_by FROM incident WHERE agency_id = $1 AND number LIKE 'SST-%'`, [agencyId]);
    expect(sst.rows[0]).toMatchObject({ status: 'closed', closed_by: 'stale' });
    await restart();
    // The same late report as without the restart: it joins the shooting, which opens again (not a new incident).
    await feed([e({ kind: 'call911', typeCode: 'SHOTS', title: 'Shots fired (late report)', occurredAt: at(8), ...north(100) })]);
    const back = await db.pool.query<{ status: string; closed_by: string | null }>('SELECT status, closed_by FROM incident WHERE id = $1', [sst.rows[0]!.id]);
    expect(back.rows[0]).toEqual({ status: 'open', closed_by: null });
    const late = await db.pool.query<{ id: string }>(
      `SELECT ie.incident_id AS id FROM event e JOIN incident_event ie ON ie.event_seq = e.seq WHERE e.title = 'Shots fired (late report)'`);
    expect(late.rows.map((r) => r.id)).toEqual([sst.rows[0]!.id]);
  });

  it("an operator's split is never re-merged, and an operator's merge survives correlation", async () => {
    const { db, agencyId, feed } = await setup();
    const user = await makeUser(db.pool, agencyId, 'operator');
    const session = (await resolveSession(db.pool, (await createSession(db.pool, user.id, 1, {})).token))!;
    await feed(shooting().slice(0, 4)); // burst, panic alarm, one call
    const one = await db.pool.query<{ id: string }>(`SELECT id FROM incident WHERE agency_id = $1 AND status = 'open'`, [agencyId]);
    expect(one.rows).toHaveLength(1);
    const sensorSeq = (await db.pool.query<{ seq: string }>(`SELECT seq::text AS seq FROM event WHERE kind = 'sensor'`)).rows[0]!.seq;
    const split = await splitIncident({ pool: db.pool }, session, one.rows[0]!.id, { eventSeqs: [sensorSeq], note: 'alarm test at the school' });
    // The same sensor again and a call beside it: they stay with the split-off incident, which is not merged back.
    await feed([
      e({ kind: 'sensor', typeCode: 'panic', title: 'panic button', occurredAt: at(5), ...north(20), payload: { sensorId: 'PB-7' } }),
      e({ kind: 'call911', typeCode: 'SHOTS', title: 'Shots fired', occurredAt: at(6), ...north(30) }),
    ]);
    const after = await db.pool.query<{ id: string; status: string }>(`SELECT id, status FROM incident WHERE id = ANY($1::uuid[])`, [[one.rows[0]!.id, split.id]]);
    expect(after.rows.every((r) => r.status === 'open')).toBe(true);
    const onSplit = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM incident_event WHERE incident_id = $1`, [split.id]);
    expect(onSplit.rows[0]!.n).toBe(2);

    // An unrelated call the operator knows is the same situation: merged by hand, and later reports follow.
    await feed([e({ kind: 'call911', typeCode: 'MEDICAL', title: 'Man bleeding', occurredAt: at(7), ...north(150), priority: 2 })]);
    const med = await db.pool.query<{ id: string }>(`SELECT id FROM incident WHERE agency_id = $1 AND number LIKE '911-%' AND status = 'open' AND title = 'Man bleeding'`, [agencyId]);
    await mergeIncident({ pool: db.pool }, session, med.rows[0]!.id, { intoId: one.rows[0]!.id, note: 'same victim' });
    await feed([e({ kind: 'call911', typeCode: 'MEDICAL', title: 'Man bleeding, update', occurredAt: at(9), ...north(160), priority: 2 })]);
    const merged = await db.pool.query<{ status: string }>('SELECT status FROM incident WHERE id = $1', [med.rows[0]!.id]);
    expect(merged.rows[0]!.status).toBe('merged');
    const follow = await db.pool.query<{ id: string }>(
      `SELECT ie.incident_id AS id FROM event e JOIN incident_event ie ON ie.event_seq = e.seq WHERE e.title = 'Man bleeding, update'`);
    expect(follow.rows.map((r) => r.id)).toEqual([one.rows[0]!.id]);
    const audit = await db.pool.query<{ action: string }>(`SELECT action FROM audit_log WHERE action IN ('incident.merge', 'incident.split') ORDER BY action`);
    expect(audit.rows.map((r) => r.action)).toEqual(['incident.merge', 'incident.split']);
  });

  it('a split and a merge back, as the workspace shows them: the original looks newer, the merged one names its survivor, reasons stay plain', async () => {
    const { db, agencyId, feed } = await setup();
    const user = await makeUser(db.pool, agencyId, 'operator');
    const session = (await resolveSession(db.pool, (await createSession(db.pool, user.id, 1, {})).token))!;
    await feed(shooting().slice(0, 4));
    const orig = (await db.pool.query<{ id: string }>(`SELECT id FROM incident WHERE agency_id = $1 AND status = 'open'`, [agencyId])).rows[0]!.id;
    const before = await getIncident(db.pool, agencyId, orig);
    const sensorSeq = before.events.find((x) => x.kind === 'sensor')!.seq;
    const split = await splitIncident({ pool: db.pool }, session, orig, { eventSeqs: [sensorSeq] });
    // An open workspace refetches when the pushed version is newer: the split must make the original newer.
    const after = await getIncident(db.pool, agencyId, orig);
    expect(after.incident.updatedAt > before.incident.updatedAt).toBe(true);
    expect(after.events.map((x) => x.seq)).not.toContain(sensorSeq);
    const back = await mergeIncident({ pool: db.pool }, session, split.id, { intoId: orig });
    expect(back.id).toBe(orig);
    const merged = await getIncident(db.pool, agencyId, split.id);
    expect(merged.incident).toMatchObject({ status: 'merged', mergedInto: orig });
    const reason = (await getIncident(db.pool, agencyId, orig)).events.find((x) => x.seq === sensorSeq)!.reason;
    expect(reason).toMatch(/^merged from SPLIT-\d+ by an operator: Sensor \d+ m and \d+ min after gunshot burst/);
    expect(reason).not.toMatch(/split off/);
  });
});
