import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource } from '../../helpers/factories';
import { LiveClient } from '../../helpers/live-client';
import { startTestApp, type TestApp } from '../../helpers/test-app';

let app: TestApp;
let key = '';
let cookie = '';

beforeAll(async () => {
  app = await startTestApp({ DRAIN_DELAY_MS: '1500' });
  const agency = await makeAgency(app.db.pool);
  key = (await makeSource(app.db.pool, agency.id)).key;
  cookie = (await app.signIn('operator', agency.id)).cookie;
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

/** An ingest request whose body is sent in two halves: it is in flight on the server between them. */
function slowIngest(events: Record<string, unknown>[]) {
  const body = Buffer.from(JSON.stringify({ events }));
  const url = new URL('/api/ingest/events', app.url);
  let sendRest!: () => void;
  let response!: Promise<{ status: number; text: string }>;
  const started = new Promise<void>((resolve) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'content-length': body.length } });
    response = new Promise((res, rej) => {
      req.on('response', (r) => {
        let text = '';
        r.on('data', (d: Buffer) => (text += d.toString()));
        r.on('end', () => res({ status: r.statusCode ?? 0, text }));
      });
      req.on('error', rej);
    });
    req.write(body.subarray(0, body.length >> 1), () => resolve());
    sendRest = () => req.end(body.subarray(body.length >> 1));
  });
  return { started, sendRest: () => sendRest(), response: () => response };
}

describe('SIGTERM drains', () => {
  it('stops being ready, sends sockets away, finishes the ingest in flight, then exits 0', async () => {
    const live = new LiveClient(app.url, cookie);
    await live.waitFor((c) => c.syncedCount > 0);
    let reason = '';
    live.socket.on('disconnect', (r) => (reason = r));
    const events = Array.from({ length: 300 }, () => makeEvent());
    const slow = slowIngest(events);
    await slow.started;
    await new Promise((r) => setTimeout(r, 200)); // the half body has reached the server

    const exited = new Promise<number | null>((r) => app.proc.once('exit', (code) => r(code)));
    app.proc.kill('SIGTERM');
    // Not ready while the balancer is told (DRAIN_DELAY_MS), before the listener closes.
    let ready = 200;
    for (let i = 0; i < 50 && ready === 200; i++) {
      ready = (await fetch(`${app.url}/api/ready`)).status;
      if (ready === 200) await new Promise((r) => setTimeout(r, 20));
    }
    expect(ready).toBe(503);
    await new Promise((r) => setTimeout(r, 1800)); // past the delay: listener closed, sockets sent away
    expect(reason).toBe('transport close'); // a reconnecting reason, not a server-side 'io server disconnect'
    slow.sendRest();
    const res = await slow.response();
    expect(res.status, res.text).toBe(202);
    expect(await exited).toBe(0);
    const { rows } = await app.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM event WHERE external_id = ANY($1)', [events.map((e) => e.externalId)]);
    expect(rows[0]!.n).toBe(300);
    expect(app.output()).toContain('in-flight requests finished');
    live.close();
  }, 60_000);
});
