import { describe, expect, it } from 'vitest';
import { isEventDto, ZEventDto } from '@/lib/domain/event';

const good = {
  seq: '42', sourceId: 'a0000000-0000-4000-8000-000000000001', externalId: 'x-1', kind: 'gunshot', typeCode: 'SST',
  occurredAt: '2026-11-26T01:00:00.000Z', receivedAt: '2026-11-26T01:00:00.120Z', lat: 37.77, lon: -122.42,
  priority: 1, title: 'Shots fired', address: '100 Block of MARKET ST',
};

// Each case: one field changed from a valid event; the hand-written guard must agree with the zod schema.
const cases: [string, unknown][] = [
  ['valid', good],
  ['nulls where allowed', { ...good, lat: null, lon: null, priority: null, title: null, address: null }],
  ['an extra key', { ...good, payload: { x: 1 } }],
  ['unknown kind', { ...good, kind: 'drone' }],
  ['kind from the prototype', { ...good, kind: 'toString' }],
  ['numeric seq', { ...good, seq: 42 }],
  ['missing sourceId', { ...good, sourceId: undefined }],
  ['null externalId', { ...good, externalId: null }],
  ['lat as string', { ...good, lat: '37.7' }],
  ['lon NaN', { ...good, lon: Number.NaN }],
  ['priority Infinity', { ...good, priority: Number.POSITIVE_INFINITY }],
  ['title as number', { ...good, title: 7 }],
  ['address missing', Object.fromEntries(Object.entries(good).filter(([k]) => k !== 'address'))],
  ['occurredAt null', { ...good, occurredAt: null }],
  ['receivedAt missing', { ...good, receivedAt: undefined }],
  ['typeCode as array', { ...good, typeCode: ['SST'] }],
  ['null', null],
  ['array', [good]],
  ['string', 'event'],
];

describe('isEventDto', () => {
  it.each(cases)('%s: same verdict as ZEventDto', (_name, value) => {
    expect(isEventDto(value)).toBe(ZEventDto.safeParse(value).success);
  });

  it('accepts the valid ones and refuses the rest (the table is not all one answer)', () => {
    expect(cases.filter(([, v]) => isEventDto(v)).map(([n]) => n)).toEqual(['valid', 'nulls where allowed', 'an extra key']);
  });
});
