import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EventInput, ZEventInput } from '../../lib/domain/event';
import { countBy } from '../helpers/test-data';
import {
  parseSfDateTime,
  parseSfFireCad,
  parseSfLocation,
  sfFirePriority,
} from '../../lib/ingest/adapters/sf-fire-cad';

const CSV = readFileSync(
  new URL('../../prisma/seed/data/sf-fire-cad-2016-12-31-week.csv', import.meta.url),
  'utf8',
);
const HEADER = CSV.slice(0, CSV.indexOf('\n'));
const FIRST_ROW = CSV.split('\n')[1] ?? '';

describe('parseSfFireCad on the real week of SF Fire CAD (2016-12-31 .. 2017-01-07)', () => {
  let events: EventInput[];
  beforeAll(() => {
    events = parseSfFireCad(CSV);
  });

  it('gives one event per unit row, each with a unique RowID', () => {
    expect(events).toHaveLength(7704);
    expect(new Set(events.map((e) => e.externalId)).size).toBe(7704);
  });

  it('groups rows into the calls they belong to', () => {
    // 3,560 measured independently with Python's csv module:
    //   len({r['Incident Number'] for r in csv.DictReader(open(path, newline=''))})  -> 3560
    // (Call Number gives the same 3,560: one incident per call in this week.)
    const incidents = new Set(events.map((e) => e.payload.incidentNumber));
    expect(incidents.size).toBe(3560);
    // The largest: a 2-alarm structure fire on Clarendon Ave with 23 responding units.
    expect(events.filter((e) => e.payload.incidentNumber === '17001995')).toHaveLength(23);
  });

  it('maps the first row field by field, converting PST to UTC', () => {
    expect(events[0]).toEqual({
      externalId: '163664050-E39',
      kind: 'cad',
      typeCode: 'Citizen Assist / Service Call',
      title: 'Citizen Assist / Service Call',
      address: '0 Block of BALCETA AVE',
      occurredAt: '2017-01-01T07:57:56.000Z', // received 12/31/2016 11:57:56 PM PST
      lat: 37.745858648581,
      lon: -122.456664252061,
      priority: 2,
      payload: {
        incidentNumber: '16146990',
        callNumber: '163664050',
        unitId: 'E39',
        unitType: 'ENGINE',
        battalion: 'B08',
        neighborhood: 'West of Twin Peaks',
        callTypeGroup: 'Alarm',
        finalPriority: '3',
        dispatchAt: '2017-01-01T07:59:42.000Z',
        onSceneAt: '2017-01-01T08:04:18.000Z',
        availableAt: '2017-01-01T08:24:11.000Z',
        disposition: 'Fire',
        numberOfAlarms: 1,
      },
    });
  });

  it('produces only events that pass ZEventInput', () => {
    for (const e of events) expect(ZEventInput.safeParse(e).success).toBe(true);
  });

  it('spans one week, all received within 2016-12-31 00:01 .. 2017-01-07 23:58 local', () => {
    const times = events.map((e) => e.occurredAt).sort();
    expect(times[0]).toBe('2016-12-31T08:01:04.000Z');
    expect(times.at(-1)).toBe('2017-01-08T07:58:32.000Z');
  });

  it('ranks Code 3 (emergency) above Code 2, and the one 2-alarm fire highest', () => {
    // Final Priority in the file: '3' × 5,405, '2' × 2,299; 23 of the '3' rows are the 2-alarm fire.
    expect(countBy(events, (e) => String(e.priority))).toEqual({ '1': 23, '2': 5382, '3': 2299 });
    expect(countBy(events, (e) => String(e.payload.finalPriority))).toEqual({ '3': 5405, '2': 2299 });
  });

  it('keeps missing unit times as null rather than inventing them', () => {
    expect(events.filter((e) => e.payload.onSceneAt === null)).toHaveLength(1554);
    expect(events.filter((e) => e.payload.availableAt === null)).toHaveLength(5);
    expect(events.filter((e) => e.payload.dispatchAt === null)).toHaveLength(0);
  });

  it("turns DataSF's 'None' neighborhood (SFO airport call box) into null", () => {
    const airport = events.filter((e) => e.address === 'CALL BOX: SF INTERNATIONAL AIRPORT');
    expect(airport).toHaveLength(4);
    for (const e of airport) expect(e.payload.neighborhood).toBeNull();
  });

  it('places every row of this file (all 7,704 have a location)', () => {
    expect(events.filter((e) => e.lat === null || e.lon === null)).toHaveLength(0);
  });
});

describe('parseSfFireCad on edited rows', () => {
  it('still produces an event when the location is empty or a placeholder', () => {
    const noLocation = FIRST_ROW.replace('"(37.745858648581, -122.456664252061)"', '""');
    const placeholder = FIRST_ROW.replace('"(37.745858648581, -122.456664252061)"', '"(90, -120.5)"');
    for (const row of [noLocation, placeholder]) {
      const [event] = parseSfFireCad(`${HEADER}\n${row}\n`);
      expect(event?.lat).toBeNull();
      expect(event?.lon).toBeNull();
      expect(event?.externalId).toBe('163664050-E39');
    }
  });

  it('fails naming the record when the received time is not parseable', () => {
    const bad = FIRST_ROW.replace(',12/31/2016 11:57:56 PM,', ',2016-12-31,');
    const text = `${HEADER}\n${FIRST_ROW}\n${bad}\n`;
    expect(() => parseSfFireCad(text)).toThrow(/sf-fire-cad record 3: "2016-12-31"/);
  });

  it('fails loudly when a required column is missing', () => {
    expect(() => parseSfFireCad('Call Number,RowID\n1,1-E1\n')).toThrow(/no column "Call Type"/);
  });
});

describe('sf-fire-cad helpers', () => {
  it('parseSfDateTime handles 12 AM/PM and DST', () => {
    expect(parseSfDateTime('01/01/2017 12:01:47 AM')).toBe('2017-01-01T08:01:47.000Z');
    expect(parseSfDateTime('07/04/2016 12:00:00 PM')).toBe('2016-07-04T19:00:00.000Z');
    expect(parseSfDateTime('')).toBeNull();
    expect(() => parseSfDateTime('13/01/2017 01:00:00 AM')).toThrow(RangeError);
    expect(() => parseSfDateTime('01/01/2017 00:30:00 AM')).toThrow(RangeError);
  });

  it('parseSfLocation reads "(lat, lon)" and rejects points outside the Bay Area', () => {
    expect(parseSfLocation('(37.7, -122.4)')).toEqual({ lat: 37.7, lon: -122.4 });
    expect(parseSfLocation('(0, 0)')).toBeNull();
    expect(parseSfLocation('garbage')).toBeNull();
  });

  it('sfFirePriority follows SF response codes (3 = emergency)', () => {
    expect(sfFirePriority('3', 1)).toBe(2);
    expect(sfFirePriority('E', null)).toBe(2);
    expect(sfFirePriority('3', 2)).toBe(1);
    expect(sfFirePriority('2', 1)).toBe(3);
    expect(sfFirePriority('A', 1)).toBeNull();
    expect(sfFirePriority('', 1)).toBeNull();
  });
});
