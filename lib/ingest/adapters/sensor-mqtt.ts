import { z } from 'zod';
import { ZEventInput, ZLatitude, ZLongitude, type EventInput } from '../../domain/event';
import { fieldIssues } from '../../platform/errors/app-error';

/**
 * IoT sensor message over MQTT → event. Topic `rtcc/sensors/<sourceName>/<sensorId>`, JSON payload:
 * `{ "id": "m-1", "sensorId": "flood-7", "type": "water-level", "value": 1.8, "unit": "m",
 *    "lat": 37.77, "lon": -122.41, "occurredAt": "2026-11-25T18:00:00Z" }`.
 * The message id (per sensor) is the idempotency key: a broker redelivery (QoS 1 is at-least-once) is a no-op.
 */

export const SENSOR_TOPIC_PREFIX = 'rtcc/sensors/';
export const SENSOR_TOPIC_FILTER = 'rtcc/sensors/#';
/** Larger messages are dead-lettered unread; sensors send readings, not files. */
export const MAX_SENSOR_MESSAGE_BYTES = 64 * 1024;

const ZScalar = z.union([z.number().finite(), z.string().max(500), z.boolean(), z.null()]);

export const ZSensorMessage = z
  .strictObject({
    id: z.string().trim().min(1).max(90),
    sensorId: z.string().trim().min(1).max(100),
    type: z.string().trim().min(1).max(100),
    value: z.union([z.number().finite(), z.string().max(200), z.boolean()]).optional(),
    unit: z.string().trim().max(20).optional(),
    lat: ZLatitude.optional(),
    lon: ZLongitude.optional(),
    occurredAt: z.iso.datetime({ offset: true }),
    priority: z.number().int().min(1).max(5).optional(),
    attributes: z.record(z.string().max(100), ZScalar).optional(),
  })
  .refine((m) => (m.lat === undefined) === (m.lon === undefined), {
    message: 'lat and lon must be given together',
    path: ['lon'],
  });
export type SensorMessage = z.infer<typeof ZSensorMessage>;

export type SensorParse =
  | { ok: true; sourceName: string; event: EventInput }
  | { ok: false; reason: string };

const TOPIC_LEVEL = /^[^/#+\u0000]{1,100}$/;

/** `rtcc/sensors/<sourceName>/<sensorId>` → its two names, or null for any other shape. */
export function parseSensorTopic(topic: string): { sourceName: string; sensorId: string } | null {
  if (!topic.startsWith(SENSOR_TOPIC_PREFIX)) return null;
  const rest = topic.slice(SENSOR_TOPIC_PREFIX.length).split('/');
  if (rest.length !== 2 || !rest.every((l) => TOPIC_LEVEL.test(l))) return null;
  return { sourceName: rest[0]!, sensorId: rest[1]! };
}

/** Validate one MQTT message. Never throws: a failure is a reason naming the field, for the dead-letter row. */
export function parseSensorMessage(topic: string, payload: Uint8Array): SensorParse {
  const names = parseSensorTopic(topic);
  if (!names) return { ok: false, reason: `topic: expected ${SENSOR_TOPIC_PREFIX}<sourceName>/<sensorId>` };
  if (payload.byteLength > MAX_SENSOR_MESSAGE_BYTES) {
    return { ok: false, reason: `payload: larger than ${MAX_SENSOR_MESSAGE_BYTES} bytes` };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (err) {
    return { ok: false, reason: `payload: not UTF-8 JSON (${(err as Error).message})` };
  }
  const unstorable = unstorableText(json);
  if (unstorable !== null) return { ok: false, reason: `${unstorable || 'payload'}: contains NUL or an unpaired surrogate` };
  const parsed = ZSensorMessage.safeParse(json);
  if (!parsed.success) return { ok: false, reason: describe(fieldIssues(parsed.error)) };
  const m = parsed.data;
  if (m.sensorId !== names.sensorId) {
    return { ok: false, reason: `sensorId: "${m.sensorId}" does not match the topic's "${names.sensorId}"` };
  }
  const reading = m.value === undefined ? '' : ` ${String(m.value)}${m.unit ? ` ${m.unit}` : ''}`;
  const event = ZEventInput.safeParse({
    externalId: `${m.sensorId}:${m.id}`,
    kind: 'sensor',
    typeCode: m.type,
    occurredAt: m.occurredAt,
    lat: m.lat ?? null,
    lon: m.lon ?? null,
    priority: m.priority ?? null,
    title: `${m.type}${reading}`.slice(0, 300),
    payload: {
      sensorId: m.sensorId,
      messageId: m.id,
      value: m.value ?? null,
      unit: m.unit ?? null,
      ...(m.attributes ? { attributes: m.attributes } : {}),
    },
  });
  if (!event.success) return { ok: false, reason: describe(fieldIssues(event.error)) };
  return { ok: true, sourceName: names.sourceName, event: event.data };
}

function describe(issues: { path: string; message: string }[]): string {
  const text = issues.map((i) => `${i.path || 'payload'}: ${i.message}`).join('; ');
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Path of the first string (value or key) PostgreSQL cannot store: NUL, or an unpaired UTF-16 surrogate (jsonb
 * refuses `\ud800`). Such a message would fail at INSERT; caught here it is a dead letter naming the field.
 */
export function unstorableText(v: unknown, path = '', depth = 0): string | null {
  const bad = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
  if (typeof v === 'string') return bad(v) ? path : null;
  if (depth > 20 || v === null || typeof v !== 'object') return null;
  for (const [k, c] of Object.entries(v)) {
    const at = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    if (bad(k)) return at;
    const found = unstorableText(c, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
