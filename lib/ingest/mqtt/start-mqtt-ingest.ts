import os from 'node:os';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Env } from '@/lib/platform/env';
import { SENSOR_TOPIC_FILTER } from '@/lib/ingest/adapters/sensor-mqtt';
import type { Runtime } from '@/lib/platform/runtime';
import { sensorBrokerAuth } from './broker-auth';
import { ingestClientId } from './ingest-client-id';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker';
import { handleSensorMessage } from './handle-sensor-message';
import { sensorSourceResolver } from './sensor-source';

export interface MqttIngest {
  /** The broker this node reads from (MQTT_URL, or the embedded broker's). */
  url: string;
  stop: () => Promise<void>;
}

type MqttEnv = Pick<Env, 'MQTT_URL' | 'MQTT_PORT' | 'MQTT_CLIENT_ID'> & Partial<Pick<Env, 'PORT' | 'MQTT_USERNAME' | 'MQTT_PASSWORD' | 'DATA_DIR'>>;

const RETRY_MAX_MS = 10_000;

/**
 * Subscribe to `rtcc/sensors/#` with QoS 1 on a persistent session (clean: false, one fixed client id per node),
 * so the broker queues what arrives while this node is down. Each message is acknowledged (PUBACK) only after its
 * event row or its dead-letter row is committed (see handleMessage below). While the database is unreachable the message is retried, not acked; on stop
 * it stays unacked and the broker redelivers it to the next session.
 */
export async function startMqttIngest(
  rt: Pick<Runtime, 'pool' | 'bus'>,
  env: MqttEnv,
  log: (line: string) => void = console.log,
): Promise<MqttIngest> {
  // The embedded broker takes sensors' source credentials; this ingester signs in to it with a one-off secret.
  const auth = env.MQTT_URL ? null : sensorBrokerAuth(rt.pool);
  const embedded: EmbeddedBroker | null = auth ? await startEmbeddedBroker(env.MQTT_PORT, log, '127.0.0.1', auth) : null;
  const url = env.MQTT_URL ?? embedded!.url;
  const credentials = auth ? auth.internal : env.MQTT_USERNAME ? { username: env.MQTT_USERNAME, password: env.MQTT_PASSWORD } : {};
  // Stable across restarts (the broker keys the session by it), distinct per node (two nodes sharing one id would
  // keep disconnecting each other), and not guessable: whoever connects with it takes over the persistent session.
  const clientId = env.MQTT_CLIENT_ID ?? (await ingestClientId(env.DATA_DIR ?? '.data', `${os.hostname()}-${env.PORT ?? 0}`));
  const resolveSource = sensorSourceResolver(rt.pool);
  let stopping = false;
  let inFlight: Promise<void> = Promise.resolve();

  const handle = async (topic: string, payload: Buffer): Promise<boolean> => {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        const outcome = await handleSensorMessage(rt, resolveSource, topic, payload);
        if (outcome.kind === 'dead-letter') log(`[mqtt] dead letter on ${topic}: ${outcome.reason}`);
        return true;
      } catch (err) {
        const wait = Math.min(RETRY_MAX_MS, 200 * 2 ** attempt);
        log(`[mqtt] could not store message on ${topic} (${(err as Error).message}); retrying in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    return false;
  };

  const options: IClientOptions = {
    clientId,
    ...credentials,
    clean: false,
    // 3.1.1 (aedes speaks no MQTT 5): a clean:false session persists until the broker expires it.
    protocolVersion: 4,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
  };
  const client: MqttClient = mqtt.connect(url, options);
  // mqtt.js calls handleMessage one message at a time and sends the PUBACK of a QoS 1 message only when its
  // callback runs (`customHandleAcks` would need MQTT 5). Never calling back on stop leaves it unacked.
  client.handleMessage = (packet, callback) => {
    if (packet.cmd !== 'publish') return callback();
    const work = handle(packet.topic, packet.payload as Buffer).then((acked) => {
      if (acked) callback();
    });
    inFlight = work.catch(() => {});
  };
  client.on('error', (err) => log(`[mqtt] ${err.message}`));
  let subscribed!: () => void;
  const firstSubscription = new Promise<void>((resolve) => (subscribed = resolve));
  // Subscribing again on every (re)connect is harmless and covers a broker that lost the session.
  client.on('connect', (connack) => {
    client.subscribe(SENSOR_TOPIC_FILTER, { qos: 1 }, (err) => {
      if (err) return log(`[mqtt] subscribe failed: ${err.message}`);
      subscribed();
    });
    log(`[mqtt] ${embedded ? 'embedded broker' : 'broker'} ${redact(url)}: ${SENSOR_TOPIC_FILTER} as ${clientId}` +
      `${connack.sessionPresent ? ' (resumed session)' : ''}`);
  });
  // A broker that is down at boot must not keep the console down: mqtt.js keeps reconnecting, and the persistent
  // session means nothing published meanwhile is lost.
  let timer: NodeJS.Timeout | undefined;
  const waited = await Promise.race([
    firstSubscription.then(() => true),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 10_000))),
  ]);
  clearTimeout(timer);
  if (!waited) log(`[mqtt] broker ${redact(url)} not reachable yet: still trying in the background`);

  return {
    url,
    stop: async () => {
      if (stopping) return;
      stopping = true;
      await inFlight;
      // A graceful end flushes the last PUBACK; force it if the broker does not answer.
      const ended = await Promise.race([
        client.endAsync(false).then(() => true, () => false),
        new Promise<boolean>((r) => setTimeout(() => r(false), 2000).unref()),
      ]);
      if (!ended) client.end(true);
      await embedded?.close();
    },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
