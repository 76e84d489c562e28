import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource, makeUser } from '../../helpers/factories';
import { LiveClient, strictlyAscending } from '../../helpers/live-client';
import { UNLIMITED, startTestApp, type TestApp } from '../../helpers/test-app';
import { rssMb } from '../../bench/support/stats';

// A low limit so the test fills it in seconds; the mechanism is the one production runs with 500.
const MAX_QUEUED = 10;
let app: TestApp;
beforeAll(async () => (app = await startTestApp({ ...UNLIMITED, SOCKET_MAX_QUEUED_PACKETS: String(MAX_QUEUED) })));
afterAll(async () => app?.stop());

/** The server side of the tab's connection in /proc/net/tcp: its state (01 = ESTABLISHED) and unsent bytes. */
function tabConnection(serverPort: number, tabPort: number): { state: string; unsent: number } | null {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  const row = fs
    .readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1]?.endsWith(`:${hex(serverPort)}`) && f[2]?.endsWith(`:${hex(tabPort)}`));
  return row ? { state: row[3]!, unsent: parseInt(row[4]!.split(':')[0]!, 16) } : null;
}

// (A second, live client in this test process was itself too slow on a loaded 2-core machine to be a fair control.)
it('a frozen client is cut off past the queue limit, the server lets go of its queue, and it resumes without gap', async () => {
  const agency = await makeAgency(app.db.pool);
  const source = await makeSource(app.db.pool, agency.id);
  const user = await makeUser(app.db.pool, agency.id);
  const cookie = await app.login(user.username, user.password);

  const tab = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/faults/frozen-client.ts', app.url, cookie], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  let buf = '';
  tab.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      lines.push(JSON.parse(buf.slice(0, i)) as Record<string, unknown>);
      buf = buf.slice(i + 1);
    }
  });
  const waitLine = async (key: string, ms: number) => {
    const t0 = Date.now();
    while (!lines.some((l) => key in l)) {
      if (Date.now() - t0 > ms) throw new Error(`frozen client never printed ${key}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return lines.find((l) => key in l)!;
  };
  const { localPort: tabPort } = (await waitLine('synced', 30_000)) as { localPort?: number };
  expect(tabPort, 'the tab reports its TCP port').toBeGreaterThan(0);
  const port = Number(new URL(app.url).port);
  expect(tabConnection(port, tabPort!)?.state).toBe('01');
  tab.kill('SIGSTOP'); // the frozen tab

  const rssBefore = rssMb(app.proc.pid!).rss;
  let stop = false;
  // What a push carries (the payload is stored, not pushed): title and address at their 300-character limit, ≈ 650
  // bytes an event on the wire, ≈ 32 KB a push, so the kernel buffers fill within seconds.
  const fat = { title: 'x'.repeat(300), address: 'y'.repeat(300) };
  const writer = (async () => {
    while (!stop) {
      const res = await fetch(`${app.url}/api/ingest/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${source.key}` },
        body: JSON.stringify({ events: Array.from({ length: 50 }, () => makeEvent(fat)) }),
      });
      expect(res.status).toBe(202);
      await new Promise((r) => setTimeout(r, 25)); // one tail push per request, not one merged burst
    }
  })();
  const t0 = Date.now();
  while (!app.output().includes('dropping slow socket') && Date.now() - t0 < 90_000) await new Promise((r) => setTimeout(r, 100));
  stop = true;
  await writer;
  expect(app.output()).toMatch(/dropping slow socket \S+ \(\d+ packets queued\)/);
  expect(app.output().match(/dropping slow socket/g)).toHaveLength(1);
  expect(rssMb(app.proc.pid!).rss - rssBefore).toBeLessThan(400);
  // Cut off now, while the tab is still frozen: not kept open until it drains (engine.io's graceful close would).
  // The kernel may keep trying to deliver what was sent (FIN_WAIT1), but the connection is no longer ESTABLISHED.
  const held = () => tabConnection(port, tabPort!)?.state === '01';
  const t1 = Date.now();
  while (held() && Date.now() - t1 < 10_000) await new Promise((r) => setTimeout(r, 100));
  expect(tabConnection(port, tabPort!)?.state ?? 'gone').not.toBe('01');

  const { rows } = await app.db.pool.query<{ seq: string }>('SELECT e.seq::text AS seq FROM event e WHERE e.source_id = $1 ORDER BY e.seq', [source.id]);
  const all = rows.map((r) => r.seq);

  // The tab thaws: it reads what reached it before the cut, sees the connection closed, and resumes from there.
  tab.kill('SIGCONT');
  const gone = (await waitLine('disconnected', 30_000)) as { seqs: string[]; lastSeq: string };
  const got = gone.seqs.filter((s) => BigInt(s) >= BigInt(all[0]!));
  expect(got.length).toBeLessThan(all.length);
  const again = new LiveClient(app.url, cookie, gone.lastSeq);
  await again.waitFor((c) => c.syncedCount === 1 && c.lastSeq === all.at(-1), 30_000).catch((e: Error) => {
    throw new Error(`${e.message}; synced ${again.syncedCount}, stored ${all.length} up to ${all.at(-1)}, frozen tab had ${got.length} up to ${gone.lastSeq}`);
  });
  const seen = [...got.map(BigInt), ...again.seqs];
  expect(strictlyAscending(seen)).toBe(true);
  expect(seen.map(String)).toEqual(all);
  again.close();
}, 180_000);
