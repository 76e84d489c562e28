import { io } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConnectionStore } from '@/components/live/connection-store';
import { createEventStore } from '@/components/live/event-store';
import { openLiveConnection, type LiveSocket } from '@/components/live/live-connection';
import { LIVE_PROTOCOL } from '@/lib/domain/realtime';
import { makeAgency, makeEvent, makeSource } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

let app: TestApp;
let cookie: string;

beforeAll(async () => {
  app = await startTestApp();
  const agency = await makeAgency(app.db.pool);
  const source = await makeSource(app.db.pool, agency.id);
  cookie = (await app.signIn('operator', agency.id)).cookie;
  const res = await fetch(`${app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${source.key}` },
    body: JSON.stringify({ events: Array.from({ length: 5 }, () => makeEvent()) }),
  });
  expect(res.status).toBe(202);
});
afterAll(async () => app?.stop());

/** The console's own connection code (the browser's), run from Node against the real server. */
function connect(protocol: number) {
  const events = createEventStore();
  const connection = createConnectionStore();
  let outdated = 0;
  let unauthorized = 0;
  const close = openLiveConnection({
    events,
    connection,
    protocol,
    onOutdated: () => (outdated += 1),
    onUnauthorized: () => (unauthorized += 1),
    createSocket: () => io(app.url, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true }) as LiveSocket,
  });
  return { events, connection, close, outdated: () => outdated, unauthorized: () => unauthorized };
}

async function until(pred: () => boolean, what: string): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

it('a console of the server\'s protocol goes live and applies the replay', async () => {
  const c = connect(LIVE_PROTOCOL);
  await until(() => c.connection.get() === 'live', 'live');
  expect(c.events.getState().lastSeq).not.toBeNull();
  expect(c.outdated()).toBe(0);
  c.close();
});

it('a console built for another protocol decodes nothing, closes its socket and asks for the current console', async () => {
  const c = connect(LIVE_PROTOCOL - 1);
  await until(() => c.outdated() === 1, 'onOutdated');
  expect(c.connection.get()).toBe('outdated');
  // The server said hello first: no replay batch was decoded with the wrong shapes.
  expect(c.events.getState().lastSeq).toBeNull();
  // Closed for good: no reconnect loop behind the reload.
  await new Promise((r) => setTimeout(r, 1500));
  expect(c.outdated()).toBe(1);
  expect(c.connection.get()).toBe('outdated');
  expect(c.unauthorized()).toBe(0);
  c.close();
});

it('says hello before anything else on every connection', async () => {
  const socket = io(app.url, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, reconnection: false }) as LiveSocket;
  const seen: string[] = [];
  socket.onAny((name: string) => seen.push(name));
  socket.on('connect', () => socket.emit('resume', { afterSeq: null }, () => {}));
  await until(() => seen.includes('synced'), 'synced');
  expect(seen[0]).toBe('hello');
  expect(seen.indexOf('events')).toBeGreaterThan(0);
  socket.close();
});
