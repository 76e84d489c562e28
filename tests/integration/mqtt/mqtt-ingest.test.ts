import crypto from 'node:crypto';
import net from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBus, type EventBus } from '@/lib/platform/bus';
import { startEmbeddedBroker, type EmbeddedBroker } from '@/lib/ingest/mqtt/embedded-broker';
import { startMqttIngest, type MqttIngest } from '@/lib/ingest/mqtt/start-mqtt-ingest';
import { makeAgency, makeSource, uid } from '../../helpers/factories';
import { createTestDb, type TestDb } from '../../helpers/test-db';

/**
 * Against a REAL broker: MQTT_URL when set (CI: the machine's Mosquitto), else an aedes broker started here, apart
 * from the ingester, so the ingester can stop and restart while the broker keeps its persistent session.
 */
let db: TestDb;
let bus: EventBus;
let broker: EmbeddedBroker | null = null;
let brokerUrl: string;
let publisher: MqttClient;
let sourceName: string;
const clientId = `rtcc-test-${crypto.randomBytes(4).toString('hex')}`;
const logs: string[] = [];
const log = (l: string) => logs.push(l);

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function reading(sensorId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uid('m'),
    sensorId,
    type: 'water-level',
    value: 1.8,
    unit: 'm',
    lat: 37.77,
    lon: -122.41,
    occurredAt: new Date().toISOString(),
    ...over,
  };
}

async function publish(topic: string, body: unknown): Promise<void> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  await publisher.publishAsync(topic, text, { qos: 1 });
}

async function eventRows(externalId: string): Promise<{ kind: string; type_code: string; lat: number }[]> {
  const { rows } = await db.pool.query<{ kind: string; type_code: string; lat: number }>(
    'SELECT kind, type_code, lat FROM event WHERE external_id = $1',
    [externalId],
  );
  return rows;
}

const start = (): Promise<MqttIngest> =>
  startMqttIngest({ pool: db.pool, bus }, { MQTT_URL: brokerUrl, MQTT_PORT: 0, MQTT_CLIENT_ID: clientId }, log);

let ingest: MqttIngest;

beforeAll(async () => {
  db = await createTestDb();
  bus = await createBus(null);
  if (process.env.MQTT_URL) brokerUrl = process.env.MQTT_URL;
  else {
    broker = await startEmbeddedBroker(0, log);
    brokerUrl = broker.url;
  }
  const agency = await makeAgency(db.pool);
  const source = await makeSource(db.pool, agency.id, 'sensor');
  const { rows } = await db.pool.query<{ name: string }>('SELECT name FROM source WHERE id = $1', [source.id]);
  sourceName = rows[0]!.name;
  publisher = await mqtt.connectAsync(brokerUrl, { clientId: `${clientId}-pub`, clean: true });
  ingest = await start();
});

afterAll(async () => {
  await ingest?.stop();
  await publisher?.endAsync();
  // Drop this test's persistent session from a shared broker (Mosquitto keeps it otherwise).
  const cleaner = await mqtt.connectAsync(brokerUrl, { clientId, clean: true }).catch(() => null);
  await cleaner?.endAsync();
  await broker?.close();
  await bus?.close();
  await db?.drop();
});

describe('MQTT sensor ingest', () => {
  it('stores a valid reading as a sensor event', async () => {
    const m = reading('flood-1');
    await publish(`rtcc/sensors/${sourceName}/flood-1`, m);
    const rows = await until('event row', async () => (await eventRows(`flood-1:${m.id}`)).at(0));
    expect(rows).toMatchObject({ kind: 'sensor', type_code: 'water-level', lat: 37.77 });
  });

  it('dead-letters an invalid message with the field named, and an unknown source', async () => {
    const bad = reading('flood-2', { value: 'x'.repeat(300) });
    await publish(`rtcc/sensors/${sourceName}/flood-2`, bad);
    await publish(`rtcc/sensors/${sourceName}/flood-2`, '{not json');
    const stranger = reading('flood-3');
    await publish(`rtcc/sensors/no-such-${uid()}/flood-3`, stranger);
    const { rows } = await until('3 dead letters', async () => {
      const r = await db.pool.query<{ topic: string; payload: string; reason: string; channel: string }>(
        `SELECT topic, payload, reason, channel FROM dead_letter WHERE topic LIKE '%/flood-2' OR topic LIKE '%/flood-3' ORDER BY received_at`,
      );
      return r.rows.length >= 3 ? r : null;
    });
    expect(rows.map((r) => r.channel)).toEqual(['mqtt', 'mqtt', 'mqtt']);
    expect(rows[0]!.reason).toMatch(/^value/);
    expect(rows[0]!.payload).toContain(bad.id as string);
    expect(rows[1]!.reason).toMatch(/^payload: not UTF-8 JSON/);
    expect(rows[2]!.reason).toMatch(/no enabled sensor source/);
    expect(await eventRows(`flood-3:${stranger.id}`)).toHaveLength(0);
  });

  it('stores a message id once when the broker delivers it twice', async () => {
    const m = reading('flood-4');
    await publish(`rtcc/sensors/${sourceName}/flood-4`, m);
    await publish(`rtcc/sensors/${sourceName}/flood-4`, m);
    const marker = reading('flood-4');
    await publish(`rtcc/sensors/${sourceName}/flood-4`, marker);
    await until('marker', async () => (await eventRows(`flood-4:${marker.id}`)).length > 0);
    expect(await eventRows(`flood-4:${m.id}`)).toHaveLength(1);
  });

  it('receives what was published while the ingester was down (persistent session)', async () => {
    await ingest.stop();
    const sent = [reading('flood-5'), reading('flood-5'), reading('flood-5')];
    for (const m of sent) await publish(`rtcc/sensors/${sourceName}/flood-5`, m);
    ingest = await start();
    for (const m of sent) await until(`queued ${String(m.id)}`, async () => (await eventRows(`flood-5:${m.id}`)).length === 1);
  });

  it('embedded broker falls back to a free port when its port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    const taken = (holder.address() as net.AddressInfo).port;
    const lines: string[] = [];
    const b = await startEmbeddedBroker(taken, (l) => lines.push(l));
    try {
      expect(b.port).not.toBe(taken);
      expect(lines.join('\n')).toContain(`port ${taken} is taken`);
      const c = await mqtt.connectAsync(b.url);
      await c.endAsync();
    } finally {
      await b.close();
      await new Promise((r) => holder.close(r));
    }
  });
});
