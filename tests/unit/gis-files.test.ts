import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectGisFormat, GisFileError, parseGisFile, polygonsOf } from '@/lib/gis/parse-gis-file';

const read = (f: string) => new Uint8Array(fs.readFileSync(`tests/fixtures/onboarding/${f}`));

describe('GIS files (GeoJSON, KML, zipped shapefile) → one FeatureCollection', () => {
  it('reads a FeatureCollection of Polygons and MultiPolygons with its properties', async () => {
    const fc = await parseGisFile(read('chicago-police-districts.geojson'));
    expect(fc.features.map((f) => f.properties.dist_num)).toEqual(['1', '7', '15']);
    expect(polygonsOf(fc.features)?.coordinates).toHaveLength(3);
  });
  it('reads KML Placemarks in a MultiGeometry, by content even when renamed', async () => {
    const bytes = read('chicago-city-boundary.kml');
    expect(detectGisFormat(bytes, 'boundary.txt')).toBe('kml');
    const fc = await parseGisFile(bytes, 'boundary.txt');
    expect(fc.features[0]!.properties.name).toBe('CHICAGO');
    expect(polygonsOf(fc.features)!.coordinates[0]![0]![0]).toEqual([-87.94, 41.64]);
  });
  it('reads a zipped shapefile with its dbf attributes', async () => {
    const fc = await parseGisFile(read('chicago-beats.zip'));
    expect(fc.features.map((f) => f.properties.beat_num)).toEqual(['0111', '0726']);
    expect(fc.features[0]!.geometry!.type).toBe('Polygon');
  });
  it('refuses a KML with a DOCTYPE (entities) and text that is none of the three', async () => {
    const evil = new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x "y">]><kml/>');
    await expect(parseGisFile(evil)).rejects.toBeInstanceOf(GisFileError);
    await expect(parseGisFile(new TextEncoder().encode('hello'))).rejects.toThrow(/Not a GeoJSON/);
  });
});

describe('GIS files refused by name', () => {
  it('a zipped shapefile cut short is refused before shpjs sees it (its unzip spins forever on one)', async () => {
    const zip = read('chicago-beats.zip');
    await expect(parseGisFile(zip.subarray(0, zip.length >> 1))).rejects.toThrow(/zip is damaged or incomplete/);
  });
  it('a KML with a tag left open is a GisFileError, not a crash', async () => {
    await expect(parseGisFile(new TextEncoder().encode('<kml><Document><Placemark><name>x</Placemark></kml>'))).rejects.toThrow(/KML is not well-formed XML/);
  });
  it('map layers: positions must be longitude/latitude, geometry kinds known, at least one geometry', async () => {
    const { checkFeatures } = await import('@/lib/gis/check-features');
    const fc = (geometry: unknown) => ({ type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: {}, geometry: geometry as never }] });
    expect(() => checkFeatures(fc({ type: 'Point', coordinates: [552000, 4182000] }))).toThrow(/features\[0\]\.geometry\.coordinates: \[552000, 4182000\] is not a longitude\/latitude/);
    expect(() => checkFeatures(fc({ type: 'Circle', coordinates: [1, 2] }))).toThrow(/unsupported geometry type "Circle"/);
    expect(() => checkFeatures(fc(null))).toThrow(/no feature with a geometry/);
    const ok = checkFeatures(fc({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [-122.4, 37.7] }, { type: 'LineString', coordinates: [[-122.4, 37.7], [-122.3, 37.8]] }] }));
    expect(ok).toMatchObject({ geometryTypes: ['LineString', 'Point'], bbox: [-122.4, 37.7, -122.3, 37.8] });
    expect(ok.features).toHaveLength(2);
  });
});
