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
