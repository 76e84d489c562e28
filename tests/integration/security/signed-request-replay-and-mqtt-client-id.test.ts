import crypto from 'node:crypto';
import os from 'node:os';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSource, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

// A signed ingest request covers a timestamp and a nonce: replaying it, or sending an old one, is refused. The
// MQTT ingester's client id cannot be guessed, and no sensor may take a client id of the ingester's kind.
let app: TestApp;
let adminCookie: string;
let agencyId: string;

beforeAll(async () => {
  app = await startTestApp({ MQTT_URL: '', MQTT_PORT: '0', MQTT_CLIENT_ID: '' });
  ({ agencyId, cookie: adminCookie } = await app.signIn('admin'));
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const hmac = (secret: string, text: string) => `sha256=${crypto.createHmac('sha256', secret).update(text).digest('hex')}`;
const detection = (id: string) => ({ events: [{ externalId: id, kind: 'gunshot', typeCode: 'gunshot', occurredAt: new Date().toISOString(), lat: 37.77, lon: -122.42, title: 'Shots', payload: { rounds: 3 } }] });

describe('request signing', () => {
  it('refuses a replayed signed request, a stale timestamp and a signature without timestamp and nonce', async () => {
    const src = await makeSource(app.db.pool, agencyId, 'gunshot');
    const made = await fetch(`${app.url}/api/admin/sources/${src.id}/hmac-secret`, { method: 'POST', headers: { cookie: adminCookie } });
    expect(made.status).toBe(201);
    const secret = ((await made.json()) as { secret: string }).secret;
    const send = (body: string, headers: Record<string, string>) =>
      fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${src.key}`, ...headers }, body });

    const body = JSON.stringify(detection(uid('shot')));
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = crypto.randomBytes(16).toString('hex');
    const signed = { 'x-rtcc-timestamp': ts, 'x-rtcc-nonce': nonce, 'x-rtcc-signature': hmac(secret, `${ts}.${nonce}.${body}`) };
    const first = await send(body, signed);
    expect(first.status, await first.clone().text()).toBe(202);
    const replay = await send(body, signed);
    expect(replay.status).toBe(401);

    // The old form (body only) replays forever: refused.
    const bodyOnly = JSON.stringify(detection(uid('shot')));
    expect((await send(bodyOnly, { 'x-rtcc-signature': hmac(secret, bodyOnly) })).status).toBe(401);
    // Ten minutes old: refused, even with a fresh nonce.
    const old = String(Math.floor(Date.now() / 1000) - 600);
    const n2 = crypto.randomBytes(16).toString('hex');
    expect((await send(bodyOnly, { 'x-rtcc-timestamp': old, 'x-rtcc-nonce': n2, 'x-rtcc-signature': hmac(secret, `${old}.${n2}.${bodyOnly}`) })).status).toBe(401);
  });
});

describe('MQTT ingester client id', () => {
  it('is not derived from host and port, and a sensor cannot take it (nor any rtcc-ingest id)', async () => {
    const line = app.output().match(/embedded broker (mqtt:\/\/[^\s:]+:\d+): \S+ as ([^\s"]+)/);
    expect(line, app.output()).not.toBeNull();
    const [, url, clientId] = line!;
    const port = new URL(app.url).port;
    const predictable = `rtcc-ingest-${os.hostname()}-${port}`;
    expect(clientId).not.toBe(predictable);

    const sensor = await makeSource(app.db.pool, agencyId, 'sensor');
    const name = (await app.db.pool.query<{ name: string }>('SELECT name FROM source WHERE id = $1', [sensor.id])).rows[0]!.name;
    for (const id of [predictable, clientId!]) {
      const attempt = mqtt.connectAsync(url!, { clientId: id, clean: false, reconnectPeriod: 0, connectTimeout: 5000, username: name, password: sensor.key });
      const outcome = await attempt.then(
        async (c) => {
          await c.endAsync(true);
          return 'connected';
        },
        (e: Error) => e.message,
      );
      expect(outcome, id).not.toBe('connected');
    }
    // An ordinary id still works for the sensor.
    const ok = await mqtt.connectAsync(url!, { clientId: uid('gate'), clean: true, reconnectPeriod: 0, username: name, password: sensor.key });
    await ok.endAsync(true);
  });
});
