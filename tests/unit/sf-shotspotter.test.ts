import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EventInput, ZEventInput } from '../../lib/domain/event';
import { countBy } from '../helpers/test-data';
import {
  parseSfShotspotter,
  parseShotspotterDateTime,
  shotspotterPriority,
} from '../../lib/ingest/adapters/sf-shotspotter';

const CSV = readFileSync(new URL('../../prisma/seed/data/sf-shotspotter-2013-2015.csv', import.meta.url), 'utf8');
const HEADER = 'Type,ID,Date,Time,Rnds,Beat,DISPO,returned address,Latitude,Longitude';

describe('parseSfShotspotter on the real SF file (2013-01-01 .. 2015-06-24)', () => {
  let events: EventInput[];
  beforeAll(() => {
    events = parseSfShotspotter(CSV);
  });

  it('keeps every row, each with a unique externalId', () => {
    expect(events).toHaveLength(4385);
    expect(new Set(events.map((e) => e.externalId)).size).toBe(4385);
    // Only 1,341 rows carry a source ID; the rest get an id built from time and place.
    expect(events.filter((e) => e.payload.shotspotterId !== null)).toHaveLength(1341);
    expect(events.filter((e) => e.externalId.startsWith('noid:'))).toHaveLength(3044);
  });

  it('maps the first row, converting PST to UTC', () => {
    expect(events[0]).toEqual({
      externalId: '26868',
      kind: 'gunshot',
      typeCode: 'Multiple_Gunshots',
      title: 'Multiple gunshots',
      address: '1687 McKinnon Ave, San Francisco, CA 94124, USA',
      occurredAt: '2013-01-01T08:01:47.000Z', // 1-Jan-13 0:01:47 PST
      lat: 37.73668188,
      lon: -122.3908474,
      priority: 1,
      payload: { shotspotterId: '26868', rounds: 6, beat: null, dispo: null },
    });
  });

  it('keeps an unclassified row with its own stable id', () => {
    // Record 10 of the file: ",,1-Jan-13,0:02:42,16,,,1056 Carolina St…,37.75529548,-122.4001285"
    expect(events[8]).toMatchObject({
      externalId: 'noid:2013-01-01T08:02:42.000Z:37.75529548,-122.4001285',
      typeCode: 'Unclassified',
      priority: 3,
      payload: { shotspotterId: null, rounds: 16 },
    });
  });

  it('produces only events that pass ZEventInput', () => {
    for (const e of events) expect(ZEventInput.safeParse(e).success).toBe(true);
  });

  it('counts types and priorities as in the file', () => {
    expect(countBy(events, (e) => e.typeCode)).toEqual({
      Multiple_Gunshots: 730,
      Single_Gunshot: 611,
      Unclassified: 3044,
    });
    expect(countBy(events, (e) => String(e.priority))).toEqual({ '1': 730, '2': 611, '3': 3044 });
  });

  it('spans 2013-01-01 00:00:10 PST .. 2015-06-24 23:54:02 PDT', () => {
    const times = events.map((e) => e.occurredAt).sort();
    expect(times[0]).toBe('2013-01-01T08:00:10.000Z');
    expect(times.at(-1)).toBe('2015-06-25T06:54:02.000Z');
  });

  it('shows the 4 July 2013 fireworks spike (local day, PDT)', () => {
    const july4 = events.filter(
      (e) => e.occurredAt >= '2013-07-04T07:00:00.000Z' && e.occurredAt < '2013-07-05T07:00:00.000Z',
    );
    expect(july4).toHaveLength(1285);
  });

  it('resolves the one ambiguous fall-back time (3-Nov-13 1:08:09) to its first occurrence', () => {
    const row = events.find(
      (e) => e.address?.startsWith('2125 Mission St') && e.occurredAt.startsWith('2013-11-03'),
    );
    expect(row?.occurredAt).toBe('2013-11-03T08:08:09.000Z');
  });

  it('places every row and reads rounds as numbers', () => {
    expect(events.filter((e) => e.lat === null || e.lon === null)).toHaveLength(0);
    const rounds = events.map((e) => e.payload.rounds);
    expect(rounds.every((r) => typeof r === 'number' && r >= 1)).toBe(true);
    // Largest burst: 150 rounds, an unclassified alert on Folsom St, 14-Jul-13 0:37:15.
    expect(Math.max(...rounds.map(Number))).toBe(150);
  });
});

describe('parseSfShotspotter on edited rows', () => {
  it('nulls an unusable coordinate but keeps the event', () => {
    const [e] = parseSfShotspotter(`${HEADER}\nSingle_Gunshot,1,2-Feb-14,13:00:00,1,C3,,"x",,-122.4\n`);
    expect(e).toMatchObject({ externalId: '1', lat: null, lon: -122.4, priority: 2 });
    expect(e?.occurredAt).toBe('2014-02-02T21:00:00.000Z');
  });

  it('fails naming the record for an unreadable date', () => {
    const text = `${HEADER}\nSingle_Gunshot,1,2014-02-02,13:00:00,1,,,"x",37.7,-122.4\n`;
    expect(() => parseSfShotspotter(text)).toThrow(
      /sf-shotspotter record 2: "2014-02-02 13:00:00" is not D-Mon-YY/,
    );
  });
});

describe('sf-shotspotter helpers', () => {
  it('parseShotspotterDateTime reads D-Mon-YY and 24-hour times in SF local time', () => {
    expect(parseShotspotterDateTime('24-Jun-15', '22:25:44')).toBe('2015-06-25T05:25:44.000Z');
    expect(parseShotspotterDateTime('9-Mar-14', '3:15:41')).toBe('2014-03-09T10:15:41.000Z'); // first PDT hour
    expect(() => parseShotspotterDateTime('31-Feb-14', '1:00:00')).toThrow(RangeError);
    expect(() => parseShotspotterDateTime('1-Foo-14', '1:00:00')).toThrow(RangeError);
  });

  it('shotspotterPriority ranks multiple shots first', () => {
    expect(shotspotterPriority('Multiple_Gunshots')).toBe(1);
    expect(shotspotterPriority('Single_Gunshot')).toBe(2);
    expect(shotspotterPriority('Unclassified')).toBe(3);
  });
});
