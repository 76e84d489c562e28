/**
 * San Francisco's 41 analysis neighbourhoods (public/geo, the same file the map draws; DataSF names, as in the
 * Fire CAD `neighborhood` field) as polygons, and which one a point lies in. Pure: the queue's district filter
 * (components/queue/districts.ts) and the server's dashboard (lib/districts/district-index.ts) share it.
 */
export interface District {
  name: string;
  /** Polygons, each a list of rings (the first the outline, the rest holes), as flat [lon, lat, lon, lat, …]. */
  polygons: Float64Array[][];
  bbox: [number, number, number, number];
}

type Ring = [number, number][];
export interface Feature {
  properties?: { nhood?: unknown };
  geometry?: { type?: string; coordinates?: unknown };
}

function toDistrict(f: Feature): District | null {
  const name = typeof f.properties?.nhood === 'string' ? f.properties.nhood : null;
  const g = f.geometry;
  if (!name || !g) return null;
  const polys = (g.type === 'MultiPolygon' ? g.coordinates : g.type === 'Polygon' ? [g.coordinates] : []) as Ring[][];
  const bbox: District['bbox'] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = polys.map((rings) =>
    rings.map((ring) => {
      const flat = new Float64Array(ring.length * 2);
      ring.forEach(([x, y], i) => {
        flat[i * 2] = x;
        flat[i * 2 + 1] = y;
        bbox[0] = Math.min(bbox[0], x);
        bbox[1] = Math.min(bbox[1], y);
        bbox[2] = Math.max(bbox[2], x);
        bbox[3] = Math.max(bbox[3], y);
      });
      return flat;
    }),
  );
  return { name, polygons, bbox };
}

/** A GeoJSON FeatureCollection with `nhood` names → districts (features without a name or polygon are skipped). */
export function parseDistricts(fc: { features?: Feature[] }): District[] {
  return (fc.features ?? []).flatMap((f) => toDistrict(f) ?? []);
}

/** Even–odd ray casting. */
function inRing(ring: Float64Array, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    const xi = ring[i]!, yi = ring[i + 1]!, xj = ring[j]!, yj = ring[j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function districtAt(districts: readonly District[], lat: number, lon: number): string | null {
  for (const d of districts) {
    if (lon < d.bbox[0] || lat < d.bbox[1] || lon > d.bbox[2] || lat > d.bbox[3]) continue;
    for (const [outline, ...holes] of d.polygons) {
      if (outline && inRing(outline, lon, lat) && !holes.some((h) => inRing(h, lon, lat))) return d.name;
    }
  }
  return null;
}

/** Positions already placed, per district set: incidents rarely move, and the queue re-renders on every change. */
const placed = new WeakMap<readonly District[], Map<string, string | null>>();

export function cachedDistrictAt(districts: readonly District[], lat: number, lon: number): string | null {
  let cache = placed.get(districts);
  if (!cache) placed.set(districts, (cache = new Map()));
  const key = `${lat},${lon}`;
  let d = cache.get(key);
  if (d === undefined) cache.set(key, (d = districtAt(districts, lat, lon)));
  return d;
}

