import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { z } from 'zod';
import type { EventDto } from '@/lib/domain/event';
import { encodeEvents } from '@/lib/domain/event-wire';
import { ZIncidentDto } from '@/lib/domain/incident';
import { LIVE_PROTOCOL } from '@/lib/domain/realtime';

/**
 * Each live protocol version's fingerprint: a batch of events as the socket carries them and the incident
 * schema. A change to either without a new LIVE_PROTOCOL would let consoles loaded before a deploy decode the new
 * server's messages wrongly (lib/domain/realtime.ts).
 */
const FINGERPRINTS: Record<number, string> = {
  2: '42c0ff7cfc18a489',
};

const sample: EventDto[] = [
  { seq: '41', sourceId: 'a0000000-0000-4000-8000-000000000001', externalId: 'cad-1', kind: 'cad', typeCode: 'FIRE',
    occurredAt: '2026-11-26T01:00:00.000Z', receivedAt: '2026-11-26T01:00:00.120Z', lat: 37.77, lon: -122.42, priority: 2,
    title: 'Structure fire', address: '100 Block of MARKET ST' },
  { seq: '42', sourceId: 'a0000000-0000-4000-8000-000000000002', externalId: 'avl-1', kind: 'avl', typeCode: 'position',
    occurredAt: '2026-11-26T01:00:00.000Z', receivedAt: '2026-11-26T01:00:00.120Z', lat: null, lon: null, priority: null,
    title: null, address: null },
];

it('changes only with a new protocol version', () => {
  const shapes = JSON.stringify({ events: encodeEvents(sample), incident: z.toJSONSchema(ZIncidentDto) });
  const fingerprint = crypto.createHash('sha256').update(shapes).digest('hex').slice(0, 16);
  const known = FINGERPRINTS[LIVE_PROTOCOL];
  const fix = known === undefined ? `record { ${LIVE_PROTOCOL}: '${fingerprint}' } here` : `bump LIVE_PROTOCOL (lib/domain/realtime.ts) and record { ${LIVE_PROTOCOL + 1}: '${fingerprint}' } here`;
  expect(known, `the live messages are not those of protocol ${LIVE_PROTOCOL}: ${fix}`).toBe(fingerprint);
});
