import mqtt, { type MqttClient } from 'mqtt';
import type pg from 'pg';
import type { EventInput } from '@/lib/domain/event';
import { SENSOR_TOPIC_PREFIX } from '@/lib/ingest/adapters/sensor-mqtt';
import { ensureSourceWithFreshKey } from '@/lib/seed/ensure-source';
import { toEido } from './calls-eido';
import { DEMO_HOTLIST, toLprRead } from './lpr-feed';
import { postJsonWithRetry } from './post-batch';
import { toSensorMessage } from './sensor-feed';
import { toGunshotDetection } from './shotspotter-week';

/**
 * The demo's sources, each sending through the door a real source of its kind uses (its own API key; sensors over
 * MQTT with the source's name and key). Names say what is replayed, derived or synthetic: operators see them.
 */
export const DEMO_SOURCES = {
  cad: { name: 'SF Fire CAD (replay)', kind: 'cad' },
  gunshot: { name: 'SF ShotSpotter 2013-15 (replay, time-shifted)', kind: 'gunshot' },
  call911: { name: '911 calls, EIDO (derived from SF Fire CAD + synthetic)', kind: 'call911' },
  avl: { name: 'Unit AVL (derived from SF Fire CAD)', kind: 'avl' },
  lpr: { name: 'Demo LPR readers (synthetic)', kind: 'lpr' },
  sensor: { name: 'Demo IoT sensors (synthetic)', kind: 'sensor' },
} as const;
export type DemoFeedName = keyof typeof DEMO_SOURCES;

export type Send = (batch: EventInput[]) => Promise<void>;

export interface DemoDoors {
  sourceIds: Record<DemoFeedName, string>;
  /** One sender per replayed feed (avl has its own: positions, not events). */
  send: Record<Exclude<DemoFeedName, 'avl'>, Send>;
  sendPositions: (positions: object[]) => Promise<void>;
  stop: () => Promise<void>;
}

export async function openDemoDoors(
  pool: pg.Pool,
  agencyId: string,
  urls: { http: string; mqtt: string },
  opts: { stopped: () => boolean; log: (line: string) => void },
): Promise<DemoDoors> {
  const keys = {} as Record<DemoFeedName, string>;
  const sourceIds = {} as Record<DemoFeedName, string>;
  for (const [feed, s] of Object.entries(DEMO_SOURCES) as [DemoFeedName, (typeof DEMO_SOURCES)[DemoFeedName]][]) {
    const made = await ensureSourceWithFreshKey(pool, agencyId, s.name, s.kind);
    keys[feed] = made.key;
    sourceIds[feed] = made.id;
  }
  // The demo hotlist sits beside whatever an admin imported; an admin's import replaces it like any entry.
  for (const h of DEMO_HOTLIST) {
    await pool.query(
      `INSERT INTO hotlist_entry (id, agency_id, plate, state, reason, priority) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)
       ON CONFLICT (agency_id, plate, state) DO NOTHING`,
      [agencyId, h.plate, h.state, h.reason, h.priority],
    );
  }
  const post = (feed: DemoFeedName, path: string) => async (body: unknown) => {
    const out = await postJsonWithRetry(`${urls.http}${path}`, keys[feed], body, { stopped: opts.stopped });
    if (out.status !== 202 && out.status !== 200 && !opts.stopped()) opts.log(`[demo] ${feed} batch refused (${out.status}): ${out.error ?? ''}`);
  };
  const events = post('cad', '/api/ingest/events');
  const gunshots = post('gunshot', '/api/ingest/gunshot');
  const eido = post('call911', '/api/ingest/eido');
  const lpr = post('lpr', '/api/ingest/lpr');
  const avl = post('avl', '/api/ingest/avl');

  const sensorSource = DEMO_SOURCES.sensor.name;
  const client: MqttClient = mqtt.connect(urls.mqtt, {
    clientId: `rtcc-demo-sensors-${sourceIds.sensor.slice(0, 8)}-${process.pid}`,
    username: sensorSource,
    password: keys.sensor,
    protocolVersion: 4,
    reconnectPeriod: 2000,
  });
  client.on('error', (err) => opts.log(`[demo] sensors MQTT: ${err.message}`));

  return {
    sourceIds,
    send: {
      cad: (batch) => events({ events: batch }),
      gunshot: (batch) => gunshots({ detections: batch.map(toGunshotDetection) }),
      call911: (batch) => eido(batch.map(toEido)),
      lpr: (batch) => lpr({ reads: batch.map(toLprRead) }),
      sensor: async (batch) => {
        // QoS 1: the broker keeps what it acknowledged for the ingester, which stores it (or dead-letters it).
        await Promise.all(
          batch.map(({ ...e }) => {
            const { sensorId, message } = toSensorMessage(e);
            return client.publishAsync(`${SENSOR_TOPIC_PREFIX}${sensorSource}/${sensorId}`, JSON.stringify(message), { qos: 1 }).catch((err: Error) => {
              if (!opts.stopped()) opts.log(`[demo] sensor reading not published: ${err.message}`);
            });
          }),
        );
      },
    },
    sendPositions: (positions) => avl({ positions }),
    stop: async () => {
      await client.endAsync().catch(() => client.end(true));
    },
  };
}
