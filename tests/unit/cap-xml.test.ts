import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineShapes, parseCapCircle, parseCapPolygon } from '@/lib/ingest/adapters/cap-geometry';
import { parseCapXml } from '@/lib/ingest/adapters/cap-xml';
import { AppError } from '@/lib/platform/errors/app-error';
import { REFUSED, VALID_CAP12 } from '../fixtures/cap/cases';

const read = (f: string) => fs.readFileSync(path.join(path.resolve('tests/fixtures/cap'), f));

describe('CAP 1.2 adapter', () => {
  it.each(VALID_CAP12)('accepts %s', (f) => {
    const e = parseCapXml(read(f));
    expect(e.kind).toBe('alert');
    expect(e.externalId).toMatch(/^[^,\s]+,[^,\s]+$/);
    expect(e.priority).toBeGreaterThanOrEqual(1);
  });

  it.each(REFUSED)('refuses %s', (f, why) => {
    let err: unknown;
    try {
      parseCapXml(read(f));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BAD_REQUEST');
    expect((err as AppError).message).toMatch(why);
  });

  it('maps the NWS thunderstorm: polygon geometry, centroid, priority, external id', () => {
    const e = parseCapXml(read('google-cap-library/thunderstorm.cap'));
    expect(e.externalId).toBe('KSTO@NWS.NOAA.GOV,KSTO1055887203');
    expect(e.typeCode).toBe('SEVERE THUNDERSTORM');
    expect(e.priority).toBe(2); // Severe / Immediate
    expect(e.occurredAt).toBe('2003-06-17T21:57:00.000Z');
    const g = e.payload.geometry as { type: string; coordinates: number[][][] };
    expect(g.type).toBe('Polygon');
    expect(g.coordinates[0]![0]).toEqual([-120.14, 38.47]);
    expect(e.lat).toBeCloseTo(38.48, 1);
    expect(e.lon).toBeCloseTo(-119.93, 1);
  });

  it('decodes ISO-8859-1 and turns a zero-radius circle into a point', () => {
    const e = parseCapXml(read('google-cap-library/earthquake-iso8859-1.cap'));
    expect(e.payload.geometry).toEqual({ type: 'Point', coordinates: [-88.783, 12.747] });
    expect(JSON.stringify(e.payload)).not.toContain('\uFFFD');
  });

  it('Extreme/Immediate is priority 1; a Test message is 5', () => {
    const xml = (status: string) =>
      Buffer.from(`<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>A1</identifier>
      <sender>s@x.org</sender><sent>2024-01-01T00:00:00-00:00</sent><status>${status}</status><msgType>Alert</msgType>
      <scope>Public</scope><info><category>Met</category><event>Tornado &amp; hail</event><urgency>Immediate</urgency>
      <severity>Extreme</severity><certainty>Observed</certainty><area><areaDesc>Town</areaDesc>
      <circle>35.0,-97.0 10</circle></area></info></alert>`);
    const e = parseCapXml(xml('Actual'));
    expect(e.priority).toBe(1);
    expect(e.typeCode).toBe('Tornado & hail');
    expect(e.lat).toBe(35);
    expect((e.payload.geometry as { type: string }).type).toBe('Polygon');
    expect(parseCapXml(xml('Test')).priority).toBe(5);
  });

  it('refuses billion laughs, undefined entities and deep nesting', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><alert>&lol2;</alert>`;
    expect(() => parseCapXml(Buffer.from(laughs))).toThrow(/DTD/);
    expect(() => parseCapXml(Buffer.from('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">&xxe;</alert>'))).toThrow(/entity/);
    const deep = `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</alert>`;
    expect(() => parseCapXml(Buffer.from(deep))).toThrow(AppError);
  });

  it('parses polygons and circles strictly', () => {
    expect(parseCapPolygon('1,1 1,2 2,2 1,1')).toHaveLength(4);
    expect(parseCapPolygon('1,1 1,2 2,2 3,3')).toMatch(/first and last/);
    expect(parseCapPolygon('1,1 1,2 1,1')).toMatch(/at least 4/);
    expect(parseCapPolygon('91,1 1,2 2,2 91,1')).toMatch(/range/);
    expect(parseCapCircle('32.9525,-115.5527 0')).toEqual({ lat: 32.9525, lon: -115.5527, radiusKm: 0 });
    expect(parseCapCircle('32.9525,-115.5527')).toMatch(/radius/);
    const { centroid } = combineShapes([[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]], []);
    expect(centroid).toEqual({ lat: 1, lon: 1 });
  });
});
