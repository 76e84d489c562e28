import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/platform/errors/app-error';
import { adaptAvlBatch, adaptOsmandJson, adaptOsmandParams, fixToEvent, osmandTime } from '@/lib/ingest/adapters/avl-osmand';
import { adaptCad } from '@/lib/ingest/adapters/cad-json';
import { adaptCameraBatch, cameraStatus, ZCameraCsvRow } from '@/lib/ingest/adapters/camera-registry';
import { adaptGunshots } from '@/lib/ingest/adapters/gunshot';
import { adaptLprReads, normalisePlate, readToEvent } from '@/lib/ingest/adapters/lpr-webhook';
import { ZJurisdictionGeometry } from '@/lib/ingest/adapters/jurisdiction';
import { validateEvents } from '@/lib/ingest/receive-adapted';

function badPath(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError && err.code === 'BAD_REQUEST') return err.issues.map((i) => i.path);
    throw err;
  }
  throw new Error('expected a 400');
}

const json = (p: string) => JSON.parse(fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;

describe('CAD adapter', () => {
  const square = ZJurisdictionGeometry.parse({ type: 'Polygon', coordinates: [[[-122.5, 37.7], [-122.3, 37.7], [-122.3, 37.85], [-122.5, 37.85], [-122.5, 37.7]]] });
  const inc = (over: Record<string, unknown> = {}) => ({
    incidentNumber: 'F160001',
    status: 'dispatched',
    statusAt: '2016-12-31T23:01:00-08:00',
    typeCode: 'MED',
    location: { lat: 37.77, lon: -122.42, address: '100 MARKET ST' },
    units: [{ callSign: 'M12', status: 'en route' }],
    ...over,
  });

  it('maps codes through the per-source table and flags events outside the jurisdiction', () => {
    const codeMap = new Map([['MED', { description: 'Medical aid', category: 'medical', priority: 2 }]]);
    const out = adaptCad({ incidents: [inc(), inc({ incidentNumber: 'F2', location: { lat: 38.5, lon: -121.5 } })] }, { codeMap, jurisdiction: square });
    expect(out.outsideJurisdiction).toBe(1);
    expect(out.events[0]).toMatchObject({ externalId: 'F160001:dispatched@2017-01-01T07:01:00.000Z', typeCode: 'medical', priority: 2, title: 'Medical aid' });
    expect(out.events[0]!.payload).toMatchObject({ sourceCode: 'MED', outsideJurisdiction: false, units: [{ callSign: 'M12', status: 'en_route' }] });
    expect(out.events[1]!.payload.outsideJurisdiction).toBe(true);
    expect(validateEvents(out.events)).toHaveLength(2);
  });

  it('lets the CAD priority win over the map default, and names bad fields', () => {
    const codeMap = new Map([['MED', { description: 'Medical aid', category: 'medical', priority: 2 }]]);
    expect(adaptCad({ incidents: [inc({ priority: 1 })] }, { codeMap, jurisdiction: null }).events[0]!.priority).toBe(1);
    const none = { codeMap: new Map(), jurisdiction: null };
    expect(badPath(() => adaptCad({ incidents: [inc(), inc({ status: 'lost' })] }, none))).toContain('incidents[1].status');
    expect(badPath(() => adaptCad({ incidents: [inc({ location: { lat: 37 } })] }, none))).toContain('incidents[0].location.lon');
  });
});

describe('AVL adapters', () => {
  it('reads OsmAnd query parameters as Traccar does (knots, seconds or ms)', () => {
    const f = adaptOsmandParams(new URLSearchParams('id=E12&lat=37.78&lon=-122.41&timestamp=1609433731&speed=10&bearing=90&status=on%20scene'));
    expect(f).toMatchObject({ unitId: 'E12', lat: 37.78, lon: -122.41, occurredAt: '2020-12-31T16:55:31.000Z', heading: 90, status: 'on_scene' });
    expect(f.speedKmh).toBeCloseTo(18.52);
    expect(osmandTime('1609433731402')).toBe('2020-12-31T16:55:31.402Z');
    expect(osmandTime('2020-12-31 16:55:31')).toBe('2020-12-31T16:55:31.000Z');
    expect(fixToEvent(f)).toMatchObject({ externalId: 'E12@2020-12-31T16:55:31.000Z', kind: 'avl' });
    expect(badPath(() => adaptOsmandParams(new URLSearchParams('id=E12&lat=91&lon=0')))).toEqual(['lat']);
    expect(badPath(() => adaptOsmandParams(new URLSearchParams('lat=1&lon=1')))).toEqual(['id']);
  });

  it('reads the OsmAnd JSON body (m/s, -1 unknown) and the JSON batch', () => {
    const f = adaptOsmandJson({
      device_id: 'M7',
      location: { timestamp: '2026-11-25T10:00:00Z', coords: { latitude: 37.7, longitude: -122.4, speed: 10, heading: -1 }, battery: { level: 0.5 } },
    });
    expect(f).toMatchObject({ unitId: 'M7', speedKmh: 36, heading: null, battery: 50 });
    const batch = adaptAvlBatch({ positions: [{ unitId: 'E1', lat: 1, lon: 2, timestamp: '2026-11-25T10:00:00Z', status: 'OOS' }] });
    expect(batch[0]!.status).toBe('out_of_service');
    expect(badPath(() => adaptAvlBatch({ positions: [{ unitId: 'E1', lat: 1, lon: 2, timestamp: 'now' }] }))).toContain('positions[0].timestamp');
  });
});

describe('gunshot adapter', () => {
  it('maps the real SF ShotSpotter detections', () => {
    const events = adaptGunshots(json('tests/fixtures/gunshot/sf-shotspotter-detections.json'));
    expect(events).toHaveLength(6);
    expect(events[0]).toMatchObject({
      externalId: '26868',
      kind: 'gunshot',
      typeCode: 'Multiple_Gunshots',
      occurredAt: '2013-01-01T08:01:47.000Z',
      priority: 1,
      lat: 37.73668188,
      address: '1687 McKinnon Ave, San Francisco, CA 94124, USA',
    });
    expect(events[0]!.payload).toMatchObject({ rounds: 6, providerIncidentId: '26868' });
    expect(badPath(() => adaptGunshots({ detections: [{ incidentId: 'x', occurredAt: '2013-01-01T00:00:00Z', lat: 37, lon: -122, confidence: 7 }] }))).toEqual([
      'detections[0].confidence',
    ]);
  });
});

describe('LPR adapter', () => {
  it('maps the real OpenALPR alpr_group webhook without its inline images', () => {
    const [read] = adaptLprReads(json('tests/fixtures/lpr/TestWebhook.json'));
    expect(read).toMatchObject({
      readId: 'U8HGWA66CW58AV9Q7YB4JJ749CV7WXNQLLNIBT4N-106232737-1609433731402',
      plate: 'A424761',
      state: 'IN',
      cameraId: '106232737',
      cameraLabel: 'mailbox-east',
      occurredAt: '2020-12-31T16:55:31.402Z',
      vehicle: { make: 'kenworth', bodyType: 'tractor-trailer' },
    });
    const e = readToEvent(read!);
    expect(JSON.stringify(e).length).toBeLessThan(2000);
    expect(e.lat).toBeCloseTo(40.00998, 4);
  });

  it('reads the generic JSON, normalises plates, ignores heartbeats, names bad fields', () => {
    expect(normalisePlate(' abc-12 3 ')).toBe('ABC123');
    expect(adaptLprReads({ data_type: 'heartbeat' })).toEqual([]);
    const [r] = adaptLprReads({ reads: [{ readId: 'r1', plate: '7abc-123', state: 'ca', cameraId: 'c1', occurredAt: '2026-11-25T10:00:00Z', imageUrl: 'https://lpr.example/r1.jpg' }] });
    expect(r).toMatchObject({ state: 'CA', imageUrl: 'https://lpr.example/r1.jpg' });
    expect(badPath(() => adaptLprReads({ reads: [{ readId: 'r1', plate: '--', cameraId: 'c', occurredAt: '2026-11-25T10:00:00Z' }] }))).toEqual(['reads[0].plate']);
    expect(badPath(() => adaptLprReads({ data_type: 'alpr_alert' }))).toEqual(['data_type']);
  });
});

describe('camera registry', () => {
  it('derives the stream kind, refuses non-http(s)/rtsp(s) streams and duplicate ids', () => {
    const base = { externalId: 'c1', name: 'Market & 5th', lat: 37.78, lon: -122.41, streamUrl: 'https://cams.example/c1/index.m3u8' };
    expect(adaptCameraBatch({ cameras: [base] })[0]).toMatchObject({ streamKind: 'hls', owner: 'city', fovDeg: 60 });
    expect(badPath(() => adaptCameraBatch({ cameras: [{ ...base, streamUrl: 'file:///etc/passwd' }] }))).toEqual(['cameras[0].streamUrl']);
    expect(badPath(() => adaptCameraBatch({ cameras: [base, base] }))).toEqual(['cameras[1].externalId']);
    const row = ZCameraCsvRow.parse({ external_id: 'c2', name: 'x', lat: '37.7', lon: '-122.4', heading: '', ptz: 'yes', stream_url: 'https://e.example/a.jpg', owner: 'partner' });
    expect(row).toMatchObject({ heading: null, ptz: true, streamKind: 'jpeg', owner: 'partner' });
  });

  it('reads offline once heartbeats stop for more than 5 minutes', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(cameraStatus({ status: 'online', lastSeenAt: new Date('2026-11-25T11:56:00Z') }, now)).toBe('online');
    expect(cameraStatus({ status: 'online', lastSeenAt: '2026-11-25T11:54:59Z' }, now)).toBe('offline');
    expect(cameraStatus({ status: 'unknown', lastSeenAt: null }, now)).toBe('unknown');
  });
});
