import { describe, expect, it } from 'vitest';
import { parseSensorMessage, parseSensorTopic } from '@/lib/ingest/adapters/sensor-mqtt';

const msg = (over: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({ id: 'm-1', sensorId: 'flood-7', type: 'water-level', value: 1.8, unit: 'm', lat: 37.77, lon: -122.41, occurredAt: '2026-11-25T18:00:00Z', ...over }),
  );

describe('sensor MQTT adapter', () => {
  it('maps a reading to a sensor event keyed by sensor and message id', () => {
    const r = parseSensorMessage('rtcc/sensors/city-flood/flood-7', msg());
    expect(r).toMatchObject({
      ok: true,
      sourceName: 'city-flood',
      event: { externalId: 'flood-7:m-1', kind: 'sensor', typeCode: 'water-level', lat: 37.77, title: 'water-level 1.8 m' },
    });
  });

  it.each([
    ['rtcc/sensors/a', msg(), /^topic/],
    ['rtcc/sensors/a/b/c', msg(), /^topic/],
    ['rtcc/sensors/a/flood-7', Buffer.from('{"id":'), /^payload: not UTF-8 JSON/],
    ['rtcc/sensors/a/flood-7', Buffer.from([0xff, 0xfe, 0x7b]), /^payload: not UTF-8 JSON/],
    ['rtcc/sensors/a/flood-7', msg({ value: { nested: true } }), /^value/],
    ['rtcc/sensors/a/flood-7', msg({ lat: 91 }), /^lat/],
    ['rtcc/sensors/a/flood-7', msg({ lon: undefined }), /^lon: lat and lon/],
    ['rtcc/sensors/a/flood-7', msg({ occurredAt: 'yesterday' }), /^occurredAt/],
    ['rtcc/sensors/a/flood-7', msg({ id: undefined }), /^id/],
    ['rtcc/sensors/a/flood-7', msg({ __proto__x: 1, extra: 1 }), /Unrecognized key/],
    ['rtcc/sensors/a/other', msg(), /^sensorId: .* does not match/],
    ['rtcc/sensors/a/flood-7', Buffer.alloc(70_000, 32), /^payload: larger than/],
    ['rtcc/sensors/a/flood-7', msg({ type: 'a\u0000b' }), /^type: contains NUL/],
    ['rtcc/sensors/a/flood-7', msg({ attributes: { note: '\ud800' } }), /^attributes.note: contains NUL or an unpaired/],
  ])('dead-letters %s with the field named (%#)', (topic, payload, reason) => {
    const r = parseSensorMessage(topic, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('parses only rtcc/sensors/<source>/<sensor>', () => {
    expect(parseSensorTopic('rtcc/sensors/s/x')).toEqual({ sourceName: 's', sensorId: 'x' });
    expect(parseSensorTopic('other/s/x')).toBeNull();
  });
});
