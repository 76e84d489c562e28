import { afterEach, describe, expect, it } from 'vitest';
import { startCorrelator, type CorrelatorHandle } from '@/lib/correlate/start-correlator';
import { ZEventInput } from '@/lib/domain/event';
import { createBus } from '@/lib/platform/bus';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { makeAgency, makeSource } from '@/tests/helpers/factories';
import { cadWeek, caughtUp, expectedBursts, ingestAll, ingestInTimeOrder, shotspotter } from './helpers';

const quiet = () => {};
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function setup(): Promise<{ db: TestDb; bus: Awaited<ReturnType<typeof createBus>>; agencyId: string }> {
  const db = await createTestDb();
  const bus = await createBus(null);
  cleanup.push(() => db.drop(), () => bus.close());
  const agency = await makeAgency(db.pool);
  return { db, bus, agencyId: agency.id };
}

function run(db: TestDb, bus: Awaited<ReturnType<typeof createBus>>, pageSize?: number): CorrelatorHandle {
  const c = startCorrelator({ pool: db.pool, bus }, quiet, { pageSize, lockRetryMs: 50 });
  cleanup.push(() => c.stop());
  return c;
}

describe('correlator on the real SF Fire CAD week', () => {
  it('makes one incident per CAD incident number, units linked, multi-unit dispatch never duplicated', async () => {
    const { db, bus, agencyId } = await setup();
    const cad = cadWeek();
    const source = await makeSource(db.pool, agencyId, 'cad');
    const c = run(db, bus);
    const max = await ingestAll(db.pool, bus, source.id, cad);
    await caughtUp(c, max);

    const numbers = new Map<string, Set<string>>();
    for (const e of cad) {
      const n = String(e.payload.incidentNumber);
      const units = numbers.get(n) ?? new Set<string>();
      units.add(String(e.payload.unitId));
      numbers.set(n, units);
    }
    const { rows } = await db.pool.query<{ number: string; n: number; units: number; reasons: { text: string }[]; score: number }>(
      `SELECT i.number, count(*) OVER (PARTITION BY i.number)::int AS n,
              (SELECT count(*)::int FROM incident_unit u WHERE u.incident_id = i.id) AS units, i.reasons, i.score
         FROM incident i WHERE i.agency_id = $1`, [agencyId]);
    expect(numbers.size).toBe(3560);
    expect(rows.length).toBe(numbers.size); // no merges across sources: this replay has CAD only
    for (const r of rows) {
      expect(r.n).toBe(1);
      expect(r.units).toBe(numbers.get(r.number)!.size);
      expect(r.reasons.length).toBeGreaterThan(0);
      expect(r.score).toBeGreaterThan(0);
      if (r.units >= 2) expect(r.reasons.map((x) => x.text)).toContain(`${r.units} units dispatched`);
    }
    const links = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM incident_event');
    expect(links.rows[0]!.n).toBe(cad.length);
  });

  it('restart mid-stream: no duplicate incident, every row linked exactly once (exactly-once)', async () => {
    const { db, bus, agencyId } = await setup();
    const cad = cadWeek();
    const source = await makeSource(db.pool, agencyId, 'cad');
    const first = run(db, bus, 300);
    const half = Math.floor(cad.length / 2);
    const max1 = await ingestAll(db.pool, bus, source.id, cad.slice(0, half), 500);
    await caughtUp(first, max1);
    // Stop while more arrives, then a fresh correlator (another "node") takes over from the stored cursor.
    const ingesting = ingestAll(db.pool, bus, source.id, cad.slice(half), 500);
    await first.stop();
    const max2 = await ingesting;
    const second = run(db, bus, 300);
    await caughtUp(second, max2);

    const dup = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT number FROM incident GROUP BY agency_id, number HAVING count(*) > 1) d');
    expect(dup.rows[0]!.n).toBe(0);
    const total = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM incident');
    expect(total.rows[0]!.n).toBe(new Set(cad.map((e) => e.payload.incidentNumber)).size);
    const links = await db.pool.query<{ n: number; distinct_seq: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT event_seq)::int AS distinct_seq FROM incident_event');
    expect(links.rows[0]).toEqual({ n: cad.length, distinct_seq: cad.length });
    const state = await db.pool.query<{ last_seq: string }>('SELECT last_seq::text AS last_seq FROM correlator_state');
    expect(BigInt(state.rows[0]!.last_seq)).toBe(max2);
  });
});

describe('cross-source: 911 calls and gunshots around the real CAD week', () => {
  it('merges 911 calls into the CAD incident of the same place and time, and flags shots near open calls', async () => {
    const { db, bus, agencyId } = await setup();
    const cad = cadWeek();
    const [cadSrc, callSrc, shotSrc] = [await makeSource(db.pool, agencyId, 'cad'), await makeSource(db.pool, agencyId, 'call911'), await makeSource(db.pool, agencyId, 'gunshot')];
    // Fixtures derived from real CAD records: a 911 call 2 min before and 50 m north of 40 CAD incidents, and a
    // real ShotSpotter detection moved to 120 m north of 20 others, 5 min after they were received.
    const firstRow = new Map<string, (typeof cad)[number]>();
    for (const e of cad) if (!firstRow.has(String(e.payload.incidentNumber))) firstRow.set(String(e.payload.incidentNumber), e);
    const picked = [...firstRow.values()].filter((_, i) => i % 50 === 0);
    const north = (e: (typeof cad)[number], m: number) => ({ lat: e.lat! + m / 110_574, lon: e.lon! });
    const at = (e: (typeof cad)[number], min: number) => new Date(Date.parse(e.occurredAt) + min * 60_000).toISOString();
    // Each call reports what its CAD record was opened for (a call of another type is another situation).
    const calls = picked.slice(0, 40).map((e, i) => ({ externalId: `call-${i}`, kind: 'call911' as const, typeCode: e.typeCode, title: `911: ${e.title}`, occurredAt: at(e, -2), ...north(e, 50), priority: 2, payload: {} }));
    const real = shotspotter();
    const shots = picked.slice(40, 60).map((e, i) => ({ ...real[i]!, occurredAt: at(e, 5), ...north(e, 120) }));
    const c = run(db, bus);
    // One live feed in time order: each call comes 2 min before its CAD record (→ a call incident, merged into the
    // CAD incident when that arrives); 20 more calls come after theirs (→ linked directly, no incident of their own).
    const late = calls.slice(20).map((x) => ({ ...x, occurredAt: at(picked[calls.indexOf(x)]!, 3) }));
    const max = await ingestInTimeOrder(db.pool, bus, [
      { sourceId: callSrc.id, events: [...calls.slice(0, 20), ...late].map((x) => ZEventInput.parse(x)) },
      { sourceId: cadSrc.id, events: cad },
      { sourceId: shotSrc.id, events: shots },
    ]);
    await caughtUp(c, max);

    // A late call that comes after its CAD incident was cleared (its last unit available) is a new situation.
    const clearedAt = new Map<string, number>();
    for (const e of cad) {
      const t = Date.parse(String(e.payload.availableAt ?? ''));
      const n = String(e.payload.incidentNumber);
      if (Number.isFinite(t)) clearedAt.set(n, Math.max(clearedAt.get(n) ?? 0, t));
    }
    const afterClose = late.filter((x) => {
      const own = picked[calls.indexOf(calls.find((c) => c.externalId === x.externalId)!)]!;
      return (clearedAt.get(String(own.payload.incidentNumber)) ?? Infinity) <= Date.parse(x.occurredAt);
    }).map((x) => x.externalId);
    const open = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM incident WHERE status <> 'merged' AND number NOT LIKE 'SST-%'`);
    expect(open.rows[0]!.n).toBe(firstRow.size + afterClose.length);
    const merged = await db.pool.query<{ number: string; change: string }>(
      `SELECT i.number, h.change FROM incident i JOIN incident_history h ON h.incident_id = i.id WHERE i.status = 'merged' AND h.change LIKE '%merged into%'`);
    // Every call incident was merged (an early call already within 200 m / 30 min of another open call joined
    // that one directly instead), and each merge names its reason.
    const callIncidents = await db.pool.query<{ n: number; open: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status <> 'merged')::int AS open FROM incident WHERE number LIKE '911-%'`);
    expect(callIncidents.rows[0]!.open).toBe(afterClose.length);
    expect(merged.rows.length).toBe(callIncidents.rows[0]!.n - afterClose.length);
    expect(merged.rows.length).toBeGreaterThanOrEqual(15);
    for (const m of merged.rows) expect(m.change).toMatch(/merged into \d+: 911 call \d+ m and \d+ min from CAD incident \d+/);
    const links = await db.pool.query<{ external_id: string; number: string; reason: string }>(
      `SELECT e.external_id, i.number, ie.reason FROM event e JOIN incident_event ie ON ie.event_seq = e.seq JOIN incident i ON i.id = ie.incident_id
        WHERE e.kind = 'call911' AND i.status <> 'merged'`);
    expect(new Set(links.rows.map((l) => l.external_id)).size).toBe(40);
    for (const l of links.rows) expect(l.number).toMatch(afterClose.includes(l.external_id) ? /^911-\d+$/ : /^\d+$/);
    const flagged = await db.pool.query<{ number: string; reasons: { text: string }[] }>(
      `SELECT number, reasons FROM incident WHERE reasons::text LIKE '%shots fired%'`);
    expect(flagged.rows.length).toBeGreaterThanOrEqual(20);
    for (const f of flagged.rows) expect(f.reasons.map((r) => r.text)).toContainEqual(expect.stringMatching(new RegExp(`^shots fired \\d+ m from open call ${f.number}$`)));
  });
});

describe('correlator on SF ShotSpotter detections', () => {
  it('makes each burst (detections within 500 m / 10 min of each other) one incident, with reasons', async () => {
    const { db, bus, agencyId } = await setup();
    // The whole file (4,385 detections, 2013–2015) in file order: day blocks, up to 23.7 h out of order.
    const slice = shotspotter();
    const source = await makeSource(db.pool, agencyId, 'gunshot');
    const c = run(db, bus);
    const max = await ingestAll(db.pool, bus, source.id, slice, 200);
    await caughtUp(c, max);

    const cluster = expectedBursts(slice);
    const { rows } = await db.pool.query<{ external_id: string; incident_id: string; number: string; reasons: { key: string; text: string }[] }>(
      `SELECT e.external_id, i.id AS incident_id, i.number, i.reasons
         FROM event e JOIN incident_event ie ON ie.event_seq = e.seq JOIN incident i ON i.id = ie.incident_id
        WHERE i.status <> 'merged' AND i.number LIKE 'SST-%'`);
    const incidentOf = new Map(rows.map((r) => [r.external_id, r.incident_id]));
    expect(incidentOf.size).toBe(slice.length); // every detection in exactly one open burst
    const clusterToIncident = new Map<number, string>();
    const incidentToCluster = new Map<string, number>();
    for (const e of slice) {
      const k = cluster.get(e.externalId)!;
      const inc = incidentOf.get(e.externalId)!;
      expect(clusterToIncident.get(k) ?? inc).toBe(inc);
      expect(incidentToCluster.get(inc) ?? k).toBe(k);
      clusterToIncident.set(k, inc);
      incidentToCluster.set(inc, k);
    }
    const open = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM incident WHERE status <> 'merged'`);
    expect(open.rows[0]!.n).toBe(new Set(cluster.values()).size);
    const burst = rows.find((r) => r.reasons.some((x) => x.key === 'burst'));
    expect(burst?.reasons[0]?.key).toBe('base');
    // Merges (a late detection bridging two bursts) are listed in the history with their reason.
    const merged = await db.pool.query<{ changes: string[] }>(
      `SELECT array_agg(h.change) AS changes FROM incident_history h JOIN incident i ON i.id = h.incident_id WHERE i.status = 'merged' GROUP BY i.id`);
    for (const m of merged.rows) expect(m.changes).toContainEqual(expect.stringMatching(/merged into SST-\d+: detection \d+ lies within the gunshot window of both bursts/));
  });
});
