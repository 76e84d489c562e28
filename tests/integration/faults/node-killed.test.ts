import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource, makeUser } from '../../helpers/factories';
import { LiveClient, strictlyAscending } from '../../helpers/live-client';
import { UNLIMITED, startTestApp, type TestApp } from '../../helpers/test-app';
import { createTestDb, type TestDb } from '../../helpers/test-db';

let db: TestDb;
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  db = await createTestDb();
  [a, b] = await Promise.all([startTestApp(UNLIMITED, db), startTestApp(UNLIMITED, db)]);
});
afterAll(async () => {
  await a?.stop().catch(() => {});
  await b?.stop();
  await db?.drop();
});

it('kill -9 of one of two nodes during ingest: every acknowledged event is stored, and its clients catch up on the other node with no gap and no duplicate', async () => {
  const agency = await makeAgency(db.pool);
  const source = await makeSource(db.pool, agency.id);
  const user = await makeUser(db.pool, agency.id);
  const cookieA = await a.login(user.username, user.password);
  const cookieB = await b.login(user.username, user.password);
  const clients = Array.from({ length: 5 }, () => new LiveClient(a.url, cookieA));
  await Promise.all(clients.map((c) => c.waitFor((x) => x.syncedCount === 1)));

  const acked: string[] = [];
  let stop = false;
  const writer = async (url: string) => {
    while (!stop) {
      try {
        const res = await fetch(`${url}/api/ingest/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${source.key}` },
          body: JSON.stringify({ events: Array.from({ length: 10 }, () => makeEvent()) }),
        });
        // Acknowledged = the client read a 202 with its seqs; a node dying mid-answer acknowledged nothing.
        if (res.status === 202) acked.push(...((await res.json()).results as { seq: string }[]).map((r) => r.seq));
      } catch {
        if (url === a.url) return; // that node is gone
      }
    }
  };
  const writers = [writer(a.url), writer(b.url), writer(b.url)];
  await clients[0]!.waitFor((c) => c.seqs.length >= 100);
  a.proc.kill('SIGKILL');
  await new Promise((r) => a.proc.once('exit', r));
  // Like the browser: reconnect (to the surviving node behind the load balancer) with the last seq seen.
  const moved = clients.map((c) => {
    c.close();
    const next = new LiveClient(b.url, cookieB, c.lastSeq);
    return { before: c, after: next };
  });
  // Keep ingesting through the survivor for a while after the kill: until it has acknowledged 100 more events.
  const ackedAtKill = acked.length;
  while (acked.length < ackedAtKill + 100) await new Promise((r) => setTimeout(r, 10));
  stop = true;
  await Promise.all(writers);

  const { rows } = await db.pool.query<{ s: string }>('SELECT seq::text AS s FROM event WHERE source_id = $1 ORDER BY event.seq', [source.id]);
  const stored = rows.map((r) => r.s);
  const storedSet = new Set(stored);
  expect(acked.length).toBeGreaterThan(100);
  expect(acked.filter((s) => !storedSet.has(s))).toEqual([]);

  const last = stored[stored.length - 1]!;
  for (const { before, after } of moved) {
    await after.waitFor((c) => c.lastSeq === last, 15_000);
    const seen = [...before.seqs, ...after.seqs];
    expect(strictlyAscending(seen)).toBe(true);
    const firstSeen = seen[0]!;
    expect(seen.map(String)).toEqual(stored.filter((s) => BigInt(s) >= firstSeen));
    after.close();
  }
});
