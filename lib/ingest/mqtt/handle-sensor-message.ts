import { AppError } from '@/lib/platform/errors/app-error';
import { parseSensorMessage } from '@/lib/ingest/adapters/sensor-mqtt';
import { agencyPlace } from '@/lib/agencies/agency-extent';
import { ingestEvents } from '@/lib/ingest/ingest-events';
import { applyPlaceRules } from '@/lib/ingest/place-rules';
import type { Runtime } from '@/lib/platform/runtime';
import { recordDeadLetter } from './dead-letter';
import type { SensorSourceLookup } from './sensor-source';

export type SensorOutcome =
  | { kind: 'stored'; seq: string }
  | { kind: 'duplicate'; seq: string }
  | { kind: 'dead-letter'; reason: string };

/**
 * One MQTT message → one committed event row, or one committed dead-letter row naming what was wrong.
 * Throws only when neither could be written (database down): the caller must then not acknowledge it.
 */
export async function handleSensorMessage(
  rt: Pick<Runtime, 'pool' | 'bus'>,
  resolveSource: (name: string) => Promise<SensorSourceLookup>,
  topic: string,
  payload: Uint8Array,
): Promise<SensorOutcome> {
  const parsed = parseSensorMessage(topic, payload);
  const source = parsed.ok ? await resolveSource(parsed.sourceName) : null;
  const reason = !parsed.ok ? parsed.reason : source && !source.ok ? source.reason : null;
  if (reason !== null || !parsed.ok || !source?.ok) {
    const why = reason ?? 'unknown';
    await recordDeadLetter(rt.pool, { channel: 'mqtt', topic, payload, reason: why });
    return { kind: 'dead-letter', reason: why };
  }
  // The place rules every door applies: a sensor is no exception.
  const placed = applyPlaceRules([parsed.event], (await agencyPlace(rt.pool, source.agencyId)).extent);
  const refusal = placed.issues[0];
  if (refusal) {
    const why = `${refusal.path.replace(/^events\[0\]\./, '')}: ${refusal.message}`;
    await recordDeadLetter(rt.pool, { channel: 'mqtt', topic, payload, reason: why });
    return { kind: 'dead-letter', reason: why };
  }
  let stored;
  try {
    // No request id on MQTT: one per message, so its correlate and push lines can still be found (reqIds).
    stored = await ingestEvents(rt, source.id, placed.events, { origin: { id: `mqtt-${crypto.randomUUID()}` } });
  } catch (err) {
    // A value PostgreSQL refuses (SQLSTATE class 22, data exception) is this message's fault: retrying cannot
    // help and would block the queue behind it. Anything else (connection lost) propagates and is retried.
    // ingestEvents reports those as AppError BAD_REQUEST; a raw SQLSTATE 22xxx is handled the same way.
    const code = (err as { code?: string }).code;
    const refused = (err instanceof AppError && err.code === 'BAD_REQUEST') || code?.startsWith('22');
    if (!refused) throw err;
    const why = `payload: refused by the database (${(err as Error).message})`;
    await recordDeadLetter(rt.pool, { channel: 'mqtt', topic, payload, reason: why });
    return { kind: 'dead-letter', reason: why };
  }
  const { results } = stored;
  const r = results[0]!;
  return r.duplicate ? { kind: 'duplicate', seq: r.seq } : { kind: 'stored', seq: r.seq };
}
