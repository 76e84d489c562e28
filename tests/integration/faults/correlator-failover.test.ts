import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource } from '../../helpers/factories';
import { UNLIMITED, startTestApp, type TestApp } from '../../helpers/test-app';
import { createTestDb, type TestDb } from '../../helpers/test-db';

const LEADER = 'this node is the correlator';
let db: TestDb;
let nodes: TestApp[] = [];

async function until(cond: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<number> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - t0;
}

beforeAll(async () => {
  db = await createTestDb();
  nodes = await Promise.all([startTestApp(UNLIMITED, db), startTestApp(UNLIMITED, db)]);
});
afterAll(async () => {
  for (const n of nodes) await n.stop().catch(() => {});
  await db?.drop();
});

it('correlator leader killed with kill -9: the other node takes over within seconds and no incident is duplicated', async () => {
  await until(() => nodes.some((n) => n.output().includes(LEADER)), 'a correlator leader');
  const leader = nodes.find((n) => n.output().includes(LEADER))!;
  const survivor = nodes.find((n) => n !== leader)!;
  expect(survivor.output()).not.toContain(LEADER);

  const agency = await makeAgency(db.pool);
  const source = await makeSource(db.pool, agency.id);
  const cad = (incident: number, unit: string) =>
    makeEvent({
      typeCode: 'Structure Fire',
      lat: 37.70 + incident * 0.01,
      lon: -122.50 + incident * 0.01,
      payload: { incidentNumber: `INC-${incident}`, unitId: unit },
    });
  const post = async (url: string, events: Record<string, unknown>[]) => {
    const res = await fetch(`${url}/api/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${source.key}` },
      body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(202);
  };
  const incidents = async () =>
    Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM incident WHERE agency_id = $1', [agency.id])).rows[0]!.n);

  // 20 incidents, 3 units each (multi-unit dispatches), through both nodes.
  for (let i = 0; i < 20; i++) await post(i % 2 ? leader.url : survivor.url, ['E1', 'T2', 'M3'].map((u) => cad(i, u)));
  await until(async () => (await incidents()) === 20, '20 incidents');

  leader.proc.kill('SIGKILL');
  const killedAt = Date.now();
  // More units on the same incidents, and 10 new incidents, while there is no correlator.
  for (let i = 0; i < 30; i++) await post(survivor.url, ['E4', 'T5'].map((u) => cad(i, u)));
  await until(() => survivor.output().includes(LEADER), "takeover");
  const takeoverMs = Date.now() - killedAt;
  await until(async () => (await incidents()) === 30, '30 incidents');

  const dupes = await db.pool.query('SELECT number FROM incident WHERE agency_id = $1 GROUP BY number HAVING count(*) > 1', [agency.id]);
  expect(dupes.rows).toEqual([]);
  // Every event of the source linked to exactly one incident, none twice.
  const total = 20 * 3 + 30 * 2;
  const linked = async () =>
    Number((await db.pool.query<{ n: string }>(
      'SELECT count(DISTINCT ie.event_seq) AS n FROM incident_event ie JOIN event e ON e.seq = ie.event_seq WHERE e.source_id = $1',
      [source.id],
    )).rows[0]!.n);
  await until(async () => (await linked()) === total, 'every event linked');
  const twice = await db.pool.query(
    `SELECT ie.event_seq FROM incident_event ie JOIN event e ON e.seq = ie.event_seq
      WHERE e.source_id = $1 GROUP BY ie.event_seq HAVING count(*) > 1`,
    [source.id],
  );
  expect(twice.rows).toEqual([]);
  expect(takeoverMs).toBeLessThan(10_000);
});
