import fs from 'node:fs';
import path from 'node:path';
import { districtAt, parseDistricts, type District, type Feature } from './district-geometry';

/** The same file the console map and the queue's district filter read. */
const FILE = path.join('public', 'geo', 'sf-neighborhoods.geojson');
const CELLS = 128;

export interface DistrictIndex {
  districts: readonly District[];
  /** The district a point lies in, or null (unlocated, outside the city). */
  districtOf(lat: number | null, lon: number | null): string | null;
  names: readonly string[];
}

/**
 * Districts on the server, for the dashboard's "by district" figures over thousands of points per request. A
 * 128×128 grid over the city keeps, per cell, the districts whose bounding box touches it, so a point is tested
 * against one or two polygons instead of scanning all 41 bounding boxes.
 */
export function buildDistrictIndex(districts: readonly District[]): DistrictIndex {
  const box = districts.reduce<[number, number, number, number]>(
    (b, d) => [Math.min(b[0], d.bbox[0]), Math.min(b[1], d.bbox[1]), Math.max(b[2], d.bbox[2]), Math.max(b[3], d.bbox[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const cw = (box[2] - box[0]) / CELLS;
  const ch = (box[3] - box[1]) / CELLS;
  const grid: District[][] = Array.from({ length: CELLS * CELLS }, () => []);
  for (const d of districts) {
    const x0 = Math.max(0, Math.floor((d.bbox[0] - box[0]) / cw));
    const x1 = Math.min(CELLS - 1, Math.floor((d.bbox[2] - box[0]) / cw));
    const y0 = Math.max(0, Math.floor((d.bbox[1] - box[1]) / ch));
    const y1 = Math.min(CELLS - 1, Math.floor((d.bbox[3] - box[1]) / ch));
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) grid[y * CELLS + x]!.push(d);
  }
  return {
    districts,
    names: districts.map((d) => d.name).sort(),
    districtOf(lat, lon) {
      if (lat === null || lon === null || !districts.length) return null;
      const x = Math.floor((lon - box[0]) / cw);
      const y = Math.floor((lat - box[1]) / ch);
      if (x < 0 || y < 0 || x >= CELLS || y >= CELLS) return null;
      return districtAt(grid[y * CELLS + x]!, lat, lon);
    },
  };
}

let index: DistrictIndex | null = null;

/** Loaded once per process from public/geo (the server runs from the project root, as `npm start` does). */
export function districtIndex(): DistrictIndex {
  if (!index) {
    let features: Feature[] = [];
    try {
      features = (JSON.parse(fs.readFileSync(path.resolve(FILE), 'utf8')) as { features?: Feature[] }).features ?? [];
    } catch (err) {
      console.warn(`[districts] ${FILE} unreadable (${(err as Error).message}): figures by district stay empty`);
    }
    index = buildDistrictIndex(parseDistricts({ features }));
  }
  return index;
}
