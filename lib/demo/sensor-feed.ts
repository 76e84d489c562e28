import type { EventInput } from '@/lib/domain/event';
import { hash32 } from './calls-eido';
import { distanceM } from './unit-plan';

/**
 * Four synthetic IoT sensors of the demo, published over MQTT (`rtcc/sensors/<source>/<sensor>`) to the broker the
 * console's ingester reads. Readings are invented but tied to the replayed city where it makes sense:
 * - a tide gauge on the Embarcadero (water level, a 12.4 h tide; alarm above 1.9 m);
 * - an air-quality sensor in SoMa (PM2.5; the New Year fireworks haze after midnight; alarm above 55 µg/m³);
 * - an acoustic sensor in the Bayview: background level every 15 minutes, and an impulse alarm seconds after each
 *   replayed gunshot detection within 800 m;
 * - a panic button at the Civic Center library: a press a minute before each replayed CAD call within 150 m.
 */

export const DEMO_SENSORS = [
  { id: 'tide-embarcadero', type: 'water-level', unit: 'm', lat: 37.7955, lon: -122.3937 },
  { id: 'aq-soma', type: 'pm2.5', unit: 'µg/m³', lat: 37.7785, lon: -122.4056 },
  { id: 'acoustic-bayview', type: 'sound-level', unit: 'dBA', lat: 37.734, lon: -122.39 },
  { id: 'panic-civic-center', type: 'panic-button', unit: '', lat: 37.7793, lon: -122.4162 },
] as const;
type Sensor = (typeof DEMO_SENSORS)[number];

const EVERY_MS = 15 * 60_000;
const HOUR = 3_600_000;

function reading(s: Sensor, t: number, value: number | string, priority: number | null, note: string): EventInput {
  return {
    externalId: `${s.id}-${t}`,
    kind: 'sensor',
    typeCode: s.type,
    occurredAt: new Date(t).toISOString(),
    lat: s.lat,
    lon: s.lon,
    priority,
    title: note,
    payload: { sensorId: s.id, value, unit: s.unit },
  };
}

/** Readings over one demo period on the recording's clock; `gunshots` and `cad` are that period's replay. */
export function sensorReadings(origin: number, periodMs: number, gunshots: EventInput[], cad: EventInput[]): EventInput[] {
  const [tide, air, acoustic, panic] = DEMO_SENSORS;
  const out: EventInput[] = [];
  // Midnight of New Year in San Francisco on the recording's clock (the first day is 31 December).
  const newYear = Date.parse('2017-01-01T08:00:00Z');
  for (let t = origin; t < origin + periodMs; t += EVERY_MS) {
    const jitter = (k: string) => (hash32(`${k}@${t}`) % 1000) / 1000;
    const level = 1 + 0.9 * Math.sin((2 * Math.PI * (t - origin)) / (12.42 * HOUR)) + 0.1 * jitter('tide');
    out.push(reading(tide, t, Number(level.toFixed(2)), level > 1.9 ? 3 : null, level > 1.9 ? 'High water' : 'Water level'));
    const sinceNewYear = t - newYear;
    const haze = sinceNewYear >= 0 && sinceNewYear < 3 * HOUR ? 80 * Math.exp(-sinceNewYear / HOUR) : 0;
    const pm = 8 + 6 * Math.sin((2 * Math.PI * (t - origin)) / (24 * HOUR)) ** 2 + haze + 3 * jitter('air');
    out.push(reading(air, t + 1000, Number(pm.toFixed(1)), pm > 55 ? 3 : null, pm > 55 ? 'Air quality: unhealthy' : 'Air quality'));
    out.push(reading(acoustic, t + 2000, Math.round(52 + 12 * jitter('noise')), null, 'Sound level'));
    if ((t - origin) % (6 * HOUR) === 0) out.push(reading(panic, t + 3000, 'ok', null, 'Panic button heartbeat'));
  }
  for (const g of gunshots) {
    if (g.lat === null || g.lon === null || distanceM([g.lat, g.lon], [acoustic.lat, acoustic.lon]) > 800) continue;
    const t = Date.parse(g.occurredAt) + 2000;
    out.push(reading(acoustic, t, 100 + (hash32(g.externalId) % 20), 2, 'Impulse noise (possible gunfire)'));
  }
  const seen = new Set<string>();
  for (const c of cad) {
    const call = String((c.payload as { callNumber?: string | null }).callNumber ?? '');
    if (!call || seen.has(call) || c.lat === null || c.lon === null) continue;
    seen.add(call);
    if (distanceM([c.lat, c.lon], [panic.lat, panic.lon]) > 150) continue;
    out.push(reading(panic, Date.parse(c.occurredAt) - 60_000, 'pressed', 2, 'Panic button pressed'));
  }
  return out.filter((e) => Date.parse(e.occurredAt) >= origin);
}

/** One reading as the MQTT sensor message the ingester takes (lib/ingest/adapters/sensor-mqtt.ts). */
export function toSensorMessage(e: EventInput): { sensorId: string; message: Record<string, unknown> } {
  const p = e.payload as { sensorId: string; value: number | string; unit: string };
  return {
    sensorId: p.sensorId,
    message: {
      id: e.externalId.slice(-90),
      sensorId: p.sensorId,
      type: e.typeCode,
      value: p.value,
      ...(p.unit ? { unit: p.unit } : {}),
      lat: e.lat,
      lon: e.lon,
      occurredAt: e.occurredAt,
      ...(e.priority ? { priority: e.priority } : {}),
      attributes: { note: e.title ?? '', origin: 'synthetic demo sensor' },
    },
  };
}
