import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/platform/errors/app-error';
import { adaptEido, callerNumberFromUri } from '@/lib/ingest/adapters/nena-eido';
import { parsePidfLo } from '@/lib/ingest/adapters/pidf-lo';

const read = (p: string) => JSON.parse(fs.readFileSync(`tests/fixtures/eido/${p}`, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
const SAMPLE = 'Sample call transfer EIDO.json';

/** RFC 5491 §5.2.2 circle, as a PSAP's LIS would put it in an EIDO location component. */
const CIRCLE_PIDF = `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"
  xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0" entity="pres:caller@example.com">
  <tuple id="t1"><status><gp:geopriv><gp:location-info>
    <gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>39.7459 -75.5466</gml:pos>
      <gs:radius uom="urn:ogc:def:uom:EPSG::9001">35.5</gs:radius></gs:Circle>
  </gp:location-info><gp:method>GPS</gp:method></gp:geopriv></status></tuple></presence>`;

function expectBadField(fn: () => unknown, path: string) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).issues.map((i) => i.path)).toContain(path);
    return;
  }
  throw new Error('expected a 400');
}

describe('NENA EIDO adapter', () => {
  it('maps the published NENA sample: incident id, call start, caller number, civic address', () => {
    const [e] = adaptEido(read(SAMPLE));
    expect(e).toMatchObject({
      externalId: 'urn:emergency:uid:incidentid:a56e556d871:bcf.state.pa.us@2021-04-30T18:43:49.439Z',
      kind: 'call911',
      typeCode: 'emergency',
      occurredAt: '2021-04-30T18:40:00.000Z',
      lat: null,
      lon: null,
      address: '42 W Cellular Street, Wilmington, DE',
    });
    expect(e!.payload).toMatchObject({
      incidentTrackingId: 'urn:emergency:uid:incidentid:a56e556d871:bcf.state.pa.us',
      callerNumber: '8195551212',
      callState: 'callAnswered',
    });
    expect(e!.payload.locations).toHaveLength(2);
  });

  it('reads the EidoLib variants: lastUpdateTimestamp spelling and a STA-024 notify envelope', () => {
    const a = adaptEido(read('phrsite-eidolib-tests/EidoWithJcard.json'));
    const b = adaptEido(read('phrsite-eidolib-tests/NotifyWithEido.json'));
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(b[0]!.externalId).toBe(adaptEido(read(SAMPLE))[0]!.externalId);
  });

  it('takes a geodetic circle as the point and its radius as the uncertainty', () => {
    const doc = read(SAMPLE);
    const locs = doc.locationComponent as Record<string, unknown>[];
    locs[1] = { ...locs[1], locationByValue: CIRCLE_PIDF };
    const [e] = adaptEido(doc);
    expect(e).toMatchObject({ lat: 39.7459, lon: -75.5466 });
    expect(e!.payload).toMatchObject({ uncertaintyM: 35.5, locationMethod: 'GPS' });
  });

  it('names the bad field and refuses a DTD inside PIDF-LO', () => {
    const doc = read(SAMPLE);
    expectBadField(() => adaptEido({ ...doc, callComponent: [{ callStartTimestamp: 'yesterday' }] }), 'callComponent[0].callStartTimestamp');
    expectBadField(() => adaptEido({ ...doc, $id: undefined }), '$id');
    const locs = doc.locationComponent as Record<string, unknown>[];
    locs[0] = { ...locs[0], locationByValue: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><presence>&e;</presence>' };
    expectBadField(() => adaptEido(doc), 'locationComponent[0].locationByValue');
  });

  it('parses caller numbers from tel: and sip: URIs only when they are numbers', () => {
    expect(callerNumberFromUri('tel:+1-201-555-0123')).toBe('+12015550123');
    expect(callerNumberFromUri('sip:8195551212@osp.com')).toBe('8195551212');
    expect(callerNumberFromUri('sip:conference@bridge.example')).toBeNull();
    expect(parsePidfLo(CIRCLE_PIDF).uncertaintyM).toBe(35.5);
  });
});
