import crypto from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sensorBrokerAuth } from '@/lib/ingest/mqtt/broker-auth';
import { startEmbeddedBroker, type EmbeddedBroker } from '@/lib/ingest/mqtt/embedded-broker';
import { startMqttIngest, type MqttIngest } from '@/lib/ingest/mqtt/start-mqtt-ingest';
import { createBus, type EventBus } from '@/lib/platform/bus';
import { makeAgency, makeSource, uid } from '../../helpers/factories';
import { createTestDb, type TestDb } from '../../helpers/test-db';

/**
 * The embedded broker (what `npm start` runs without MQTT_URL) with per-source credentials: a sensor signs in as
 * its source with the source's API key, publishes only under its own topic, and cannot read anyone's readings.
 * A real aedes broker on a TCP port, the real ingester, a real PostgreSQL.
 */
let db: TestDb;
let bus: EventBus;
let broker: EmbeddedBroker;
let ingest: MqttIngest;
const internal = { username: 'rtcc-ingest', password: crypto.randomBytes(16).toString('hex') };
const sources: { name: string; key: string }[] = [];
const clients: MqttClient[] = [];
const logs: string[] = [];

async function sourceNamed(pool: TestDb['pool'], agencyId: string): Promise<{ name: string; key: string }> {
  const s = await makeSource(pool, agencyId, 'sensor');
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM source WHERE id = $1', [s.id]);
  return { name: rows[0]!.name, key: s.key };
}

async function connect(username?: string, password?: string): Promise<MqttClient> {
  const c = await mqtt.connectAsync(broker.url, { clientId: uid('sensor'), clean: true, reconnectPeriod: 0, username, password });
  clients.push(c);
  return c;
}

const reading = () => ({ id: uid('m'), sensorId: 'gate-1', type: 'door', value: 1, occurredAt: new Date().toISOString() });
const stored = async (externalId: string) => (await db.pool.query('SELECT 1 FROM event WHERE external_id = $1', [externalId])).rowCount;

beforeAll(async () => {
  db = await createTestDb();
  bus = await createBus(null);
  broker = await startEmbeddedBroker(0, (l) => logs.push(l), '127.0.0.1', sensorBrokerAuth(db.pool, internal));
  const agency = await makeAgency(db.pool);
  sources.push(await sourceNamed(db.pool, agency.id), await sourceNamed(db.pool, agency.id));
  ingest = await startMqttIngest(
    { pool: db.pool, bus },
    { MQTT_URL: broker.url, MQTT_PORT: 0, MQTT_CLIENT_ID: uid('ingest'), MQTT_USERNAME: internal.username, MQTT_PASSWORD: internal.password },
    (l) => logs.push(l),
  );
});

afterAll(async () => {
  for (const c of clients) c.end(true);
  await ingest?.stop();
  await broker?.close();
  await bus?.close();
  await db?.drop();
});

it('refuses a sensor without credentials, with a wrong key, or with another source’s key', async () => {
  const [a, b] = sources;
  await expect(connect()).rejects.toThrow(/Not authorized/i);
  await expect(connect(a!.name, 'not-the-key')).rejects.toThrow(/Bad username or password/i);
  await expect(connect(a!.name, b!.key)).rejects.toThrow(/Bad username or password/i);
  expect(logs.join('\n')).toContain(`refused sign-in as "${a!.name}"`);
});

it('stores what a source publishes under its own topic, and nothing it publishes under another source’s', async () => {
  const [a, b] = sources;
  const sensor = await connect(a!.name, a!.key);
  const forged = reading();
  // aedes answers an unauthorised publish by closing the connection: the reading never reaches the ingester.
  const closed = new Promise<void>((r) => sensor.once('close', () => r()));
  void sensor.publishAsync(`rtcc/sensors/${b!.name}/gate-1`, JSON.stringify(forged), { qos: 1 }).catch(() => {});
  await closed;
  const own = reading();
  const again = await connect(a!.name, a!.key);
  await again.publishAsync(`rtcc/sensors/${a!.name}/gate-1`, JSON.stringify(own), { qos: 1 });
  const deadline = Date.now() + 15_000;
  while (!(await stored(`gate-1:${own.id}`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(await stored(`gate-1:${own.id}`)).toBe(1);
  expect(await stored(`gate-1:${forged.id}`)).toBe(0);
  expect(logs.join('\n')).toContain(`refused publish by "${a!.name}" to rtcc/sensors/${b!.name}/gate-1`);
});

it('does not let a sensor subscribe to the readings', async () => {
  const [a] = sources;
  const sensor = await connect(a!.name, a!.key);
  // SUBACK return code 0x80 (failure), which mqtt.js reports as a subscribe error.
  await expect(sensor.subscribeAsync('rtcc/sensors/#', { qos: 1 })).rejects.toThrow(/Subscribe error/);
});
