import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeSource, makeUser, uid } from '../../helpers/factories';
import { createTestDb, type TestDb } from '../../helpers/test-db';
import { startCluster, type Cluster } from '../../bench/support/cluster';
import { ConsoleClient } from './support/console-client';

// Three nodes on one PostgreSQL, the Redis adapter, a real nginx in front; live load while every node is drained
// and restarted in turn. Nothing acknowledged may be lost; every console keeps every event once, in order.
const CONSOLES = 6;
const RATE = 100; // events/s, posted every 50 ms (the machines are 2 shared cores; 3 nodes + nginx + PostgreSQL)
let db: TestDb;
let cluster: Cluster;
const consoles: ConsoleClient[] = [];

beforeAll(async () => {
  db = await createTestDb();
  cluster = await startCluster(db.url, 3);
}, 400_000);

afterAll(async () => {
  for (const c of consoles) c.close();
  await cluster?.stop();
  await db?.drop();
});

describe('a three-node cluster behind nginx', () => {
  it('loses nothing acknowledged and every console sees every event once through a rolling restart', async () => {
    const agency = await makeAgency(db.pool);
    const src = await makeSource(db.pool, agency.id);
    const op = await makeUser(db.pool, agency.id, 'operator');
    const login = await fetch(`${cluster.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: op.username, password: op.password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    // Each node loads its ingest route once before the clock starts (Next compiles a route on first use).
    for (const n of cluster.nodes) {
      const warm = await fetch(`http://127.0.0.1:${n.port}/api/ingest/events`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${src.key}` }, body: JSON.stringify({ events: [] }),
      });
      await warm.body?.cancel();
    }
    for (let i = 0; i < CONSOLES; i++) consoles.push(new ConsoleClient(cluster.url, cookie));
    await Promise.all(consoles.map((c) => c.synced()));

    // The load: each batch retried until acknowledged (same external ids: a retry is a no-op when it had landed).
    const acked = new Map<string, bigint>();
    let failures = 0;
    const step = (m: string) => console.log(`[cluster test] ${m} (${acked.size} acked, ${failures} retried)`);
    step('consoles synced');
    let running = true;
    const post = async (events: Record<string, unknown>[]) => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const res = await fetch(`${cluster.url}/api/ingest/events`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${src.key}` }, body: JSON.stringify({ events }),
        }).catch(() => null);
        if (res?.status === 202) {
          const results = ((await res.json()) as { results: { seq: string }[] }).results;
          results.forEach((r, i) => acked.set(events[i]!.externalId as string, BigInt(r.seq)));
          return;
        }
        failures++;
        await res?.body?.cancel();
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('a batch was never acknowledged');
    };
    const inflight = new Set<Promise<void>>();
    const load = (async () => {
      while (running) {
        const events = Array.from({ length: RATE / 20 }, () => ({
          externalId: uid('ev'), kind: 'avl', typeCode: 'position', occurredAt: new Date().toISOString(), lat: 37.77, lon: -122.42, title: 'unit',
        }));
        const p = post(events);
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
        await new Promise((r) => setTimeout(r, 50));
      }
      await Promise.all(inflight);
    })();

    await new Promise((r) => setTimeout(r, 2000));
    const restarts = [];
    for (let i = 0; i < cluster.nodes.length; i++) {
      step(`restarting node ${i}`);
      restarts.push(await cluster.restart(i));
      step(`node ${i} back`);
      await new Promise((r) => setTimeout(r, 1500));
    }
    running = false;
    await load;
    step('load done');

    // Nothing acknowledged is lost.
    const seqs = [...acked.values()];
    const { rows } = await db.pool.query<{ seq: string; external_id: string }>('SELECT seq::text, external_id FROM event WHERE source_id = $1', [src.id]);
    const stored = new Map(rows.map((r) => [r.external_id, BigInt(r.seq)]));
    for (const [ext, seq] of acked) expect(stored.get(ext), ext).toBe(seq);

    // Every console keeps every acknowledged event once (and nothing else), in order.
    const want = new Set(seqs);
    const deadline = Date.now() + 30_000;
    while (consoles.some((c) => c.kept.filter((s) => want.has(s)).length < want.size) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const c of consoles) {
      const got = c.kept.filter((s) => want.has(s));
      expect(got.length).toBe(want.size);
      expect(new Set(got).size).toBe(got.length);
      expect(c.connects).toBeGreaterThan(1); // its node was restarted under it: it reconnected elsewhere
    }
    console.log(`cluster rolling restart: ${JSON.stringify({
      acked: acked.size, retriedPosts: failures, restarts, consoles: consoles.map((c) => ({ kept: c.kept.length, connects: c.connects, overlaps: c.overlaps })),
    })}`);
  }, 600_000);
});
