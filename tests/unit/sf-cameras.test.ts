import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZCameraSeed } from '../../lib/domain/camera';
import { compassToHeading, parseCaltransCameras } from '../../lib/ingest/adapters/sf-cameras';

const JSON_TEXT = readFileSync(new URL('../../prisma/seed/data/sf-cameras.json', import.meta.url), 'utf8');

const good = {
  description: 'TV999 -- Test',
  direction: 'N',
  latitude: 37.7,
  longitude: -122.4,
  url: 'https://wzmedia.dot.ca.gov/D4/Test.stream/playlist.m3u8',
  encoding: 'H.264',
  format: 'M3U8',
};
const file = (cams: unknown[]): string => JSON.stringify({ California: { 'San Francisco': cams } });

describe('parseCaltransCameras on the San Francisco county extract', () => {
  const cameras = parseCaltransCameras(JSON_TEXT);

  it('finds the 32 SF cameras the SOURCE note lists, all valid and distinct', () => {
    expect(cameras).toHaveLength(32);
    for (const c of cameras) expect(ZCameraSeed.safeParse(c).success).toBe(true);
    expect(new Set(cameras.map((c) => c.externalId)).size).toBe(32);
  });

  it('tells HLS streams from JPEG stills (26 + 6)', () => {
    expect(cameras.filter((c) => c.streamKind === 'hls')).toHaveLength(26);
    expect(cameras.filter((c) => c.streamKind === 'jpeg')).toHaveLength(6);
  });

  it('maps the first camera with a URL-derived id and a compass heading', () => {
    expect(cameras[0]).toEqual({
      externalId: 'wzmedia.dot.ca.gov/D4/S280_at_John_Daly_Bl.stream/playlist.m3u8',
      name: 'TV327 -- I-280 : John Daly Blvd',
      lat: 37.71046,
      lon: -122.4654,
      heading: 180,
      fovDeg: 60,
      rangeM: 200,
      ptz: false,
      streamKind: 'hls',
      streamUrl: 'https://wzmedia.dot.ca.gov/D4/S280_at_John_Daly_Bl.stream/playlist.m3u8',
      owner: 'city',
    });
  });

  it("gives the two Bay Bridge 'Median' cameras no heading", () => {
    const median = cameras.filter((c) => c.heading === null).map((c) => c.name);
    expect(median).toEqual([
      'TVD32 -- I-80 : Bay Bridge SAS Tower East',
      'TVD33 -- I-80 : Bay Bridge SAS Tower West',
    ]);
  });

  it('trims the stray space after TV312’s URL and the double space in TV306’s name', () => {
    const tv312 = cameras.find((c) => c.name.startsWith('TV312'));
    expect(tv312?.streamUrl).toBe('https://wzmedia.dot.ca.gov/D4/S101_at_Cesar_Chavez_Bl.stream/playlist.m3u8');
    expect(cameras.find((c) => c.name.startsWith('TV306'))?.name).toBe('TV306 -- I-280 : AT MISSION ST');
  });

  it('types a JPEG still by its format', () => {
    const tvd31 = cameras.find((c) => c.name.startsWith('TVD31'));
    expect(tvd31).toMatchObject({
      streamKind: 'jpeg',
      externalId: 'cwwp2.dot.ca.gov/data/d4/cctv/image/tvd31i80beforeybitunnel/tvd31i80beforeybitunnel.jpg',
      heading: 270,
    });
  });
});

describe('parseCaltransCameras skips what cannot be a safe, placeable camera', () => {
  it('skips bad coordinates', () => {
    const bad = [
      { ...good, latitude: 0, longitude: 0 },
      { ...good, latitude: 95 },
      { ...good, longitude: '-122.4' },
      { ...good, latitude: null },
    ];
    expect(parseCaltransCameras(file([...bad, good]))).toHaveLength(1);
  });

  it('skips non-http URLs and URLs carrying credentials', () => {
    const bad = [
      { ...good, url: 'rtsp://user:secret@10.0.0.1:554/' },
      { ...good, url: 'https://user:secret@example.org/cam.m3u8' },
      { ...good, url: 'file:///etc/passwd' },
      { ...good, url: 'not a url' },
    ];
    expect(parseCaltransCameras(file(bad))).toEqual([]);
  });

  it('keeps the first of two entries sharing one stream URL', () => {
    const cams = parseCaltransCameras(file([good, { ...good, description: 'Second listing' }]));
    expect(cams.map((c) => c.name)).toEqual(['TV999 -- Test']);
  });

  it('walks every state and county, and rejects a file of the wrong shape', () => {
    const other = { ...good, url: good.url.replace('Test', 'Other') };
    const two = JSON.stringify({ A: { X: [good] }, B: { Y: [other] } });
    expect(parseCaltransCameras(two)).toHaveLength(2);
    expect(() => parseCaltransCameras('[1,2]')).toThrow();
  });

  it('uses the URL when the format field is missing', () => {
    const noFormat: Record<string, unknown> = { ...good };
    delete noFormat.format;
    const jpeg = { ...noFormat, url: 'https://cwwp2.dot.ca.gov/data/d4/cctv/image/x/x.jpg' };
    expect(parseCaltransCameras(file([noFormat, jpeg])).map((c) => c.streamKind)).toEqual(['hls', 'jpeg']);
  });
});

describe('compassToHeading', () => {
  it('reads 16-point abbreviations and cardinal words', () => {
    const points = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];
    expect(points.map(compassToHeading)).toEqual([0, 45, 90, 135, 180, 225, 270, 315]);
    expect(compassToHeading('NNE')).toBe(22.5);
    expect(compassToHeading('north')).toBe(0);
    expect(compassToHeading('Westbound')).toBe(270);
    expect(compassToHeading('Median')).toBeNull();
    expect(compassToHeading(undefined)).toBeNull();
  });
});
