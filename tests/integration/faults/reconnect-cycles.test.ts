import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource, makeUser } from '../../helpers/factories';
import { LiveClient, strictlyAscending } from '../../helpers/live-client';
import { UNLIMITED, startTestApp, type TestApp } from '../../helpers/test-app';

let app: TestApp;
beforeAll(async () => (app = await startTestApp(UNLIMITED)));
afterAll(async () => app?.stop());

it('1,000 disconnect/reconnect cycles during live traffic: the sequence seen has no gap and no duplicate', async () => {
  const agency = await makeAgency(app.db.pool);
  const source = await makeSource(app.db.pool, agency.id);
  const user = await makeUser(app.db.pool, agency.id);
  const cookie = await app.login(user.username, user.password);

  let stop = false;
  const writer = (async () => {
    while (!stop) {
      await fetch(`${app.url}/api/ingest/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${source.key}` },
        body: JSON.stringify({ events: Array.from({ length: 5 }, () => makeEvent()) }),
      });
    }
  })();

  const seen: bigint[] = [];
  let lastSeq: string | null = null;
  let firstSeq: bigint | null = null;
  for (let cycle = 0; cycle < 1000; cycle++) {
    const c: LiveClient = new LiveClient(app.url, cookie, lastSeq);
    await c.waitFor((x) => x.syncedCount === 1);
    if (cycle % 10 === 0) await c.waitFor((x) => x.seqs.length > 0, 5000).catch(() => {});
    c.close();
    seen.push(...c.seqs);
    lastSeq = c.lastSeq;
    firstSeq ??= c.seqs[0] ?? null;
  }
  stop = true;
  await writer;

  expect(strictlyAscending(seen)).toBe(true);
  const { rows } = await app.db.pool.query<{ seq: string }>(
    'SELECT seq::text AS seq FROM event e WHERE source_id = $1 AND e.seq >= $2 AND e.seq <= $3 ORDER BY e.seq',
    [source.id, String(firstSeq), lastSeq],
  );
  expect(seen.map(String)).toEqual(rows.map((r) => r.seq));
  expect(seen.length).toBeGreaterThan(1000);
}, 180_000);
