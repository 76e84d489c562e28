import { describe, expect, it } from 'vitest';
import { unwrapGeoJsonPolygon } from '@/lib/geofences/unwrap-geojson';

const coordinates = [[[-122.42, 37.77], [-122.41, 37.77], [-122.41, 37.78], [-122.42, 37.77]]];

describe('unwrapGeoJsonPolygon', () => {
  it('takes the polygon out of a bare geometry, a Feature or a one-feature FeatureCollection, dropping extra members', () => {
    const polygon = { type: 'Polygon', coordinates };
    expect(unwrapGeoJsonPolygon(JSON.stringify({ ...polygon, bbox: [0, 0, 1, 1] }))).toEqual({ ok: true, polygon });
    expect(unwrapGeoJsonPolygon(JSON.stringify({ type: 'Feature', properties: {}, geometry: polygon }))).toEqual({ ok: true, polygon });
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: polygon }] };
    expect(unwrapGeoJsonPolygon(JSON.stringify(fc))).toEqual({ ok: true, polygon });
  });

  it('says why anything else is not one polygon', () => {
    const msg = (t: string) => {
      const r = unwrapGeoJsonPolygon(t);
      return r.ok ? null : r.message;
    };
    expect(msg('{"type":')).toMatch(/^Not valid JSON/);
    expect(msg(JSON.stringify({ type: 'FeatureCollection', features: [] }))).toContain('holds 0 features');
    expect(msg(JSON.stringify({ type: 'MultiPolygon', coordinates: [coordinates] }))).toContain('MultiPolygon is not supported');
    expect(msg(JSON.stringify({ type: 'Point', coordinates: [0, 0] }))).toBe('Expected a GeoJSON Polygon, got type "Point"');
    expect(msg('[1,2]')).toBe('Expected a GeoJSON Polygon (or a Feature holding one)');
  });
});
