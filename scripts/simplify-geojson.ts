// npx tsx scripts/simplify-geojson.ts <in.geojson> <out.geojson> [toleranceMetres=1]
// Drops polygon vertices that lie within the tolerance of the line through their neighbours (Douglas–Peucker, per
// ring, in metres on a local equirectangular projection), keeping every ring closed and at least a triangle.
// Properties and feature order are kept. Made public/geo/sf-neighborhoods-outline.geojson, the copy the map draws
// (its SOURCE note says how): the source's coordinates are rounded to 5 decimals (≈ 1 m), so a 1 m tolerance drops
// only vertices the rounding had already put within that distance of the outline. District lookups keep the full
// file: CAD geocodes sit on street centrelines, which are district borders, and 55 of the demo week's 7,704 calls
// fell in another district with the simplified borders.
import fs from 'node:fs';

type Ring = [number, number][];
interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Ring[] | Ring[][];
}
interface Collection {
  features: { geometry: Geometry | null }[];
}

const M_PER_DEG_LAT = 111_320;

/** Douglas–Peucker on one ring (first = last point), with an explicit stack: rings run to thousands of points. */
export function simplifyRing(ring: Ring, toleranceM: number): Ring {
  if (ring.length <= 4) return ring;
  const mx = M_PER_DEG_LAT * Math.cos((ring[0]![1] * Math.PI) / 180);
  const x = (i: number) => ring[i]![0] * mx;
  const y = (i: number) => ring[i]![1] * M_PER_DEG_LAT;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  // A closed ring's ends coincide: split it at its farthest point so neither half is degenerate.
  let far = 1;
  for (let i = 1; i < ring.length - 1; i++) if (Math.hypot(x(i) - x(0), y(i) - y(0)) > Math.hypot(x(far) - x(0), y(far) - y(0))) far = i;
  keep[far] = 1;
  const stack: [number, number][] = [[0, far], [far, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const dx = x(b) - x(a);
    const dy = y(b) - y(a);
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x(i) - x(a)) * dx + (y(i) - y(a)) * dy) / len2));
      const d = Math.hypot(x(i) - x(a) - t * dx, y(i) - y(a) - t * dy);
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > toleranceM) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  const out = ring.filter((_, i) => keep[i] === 1);
  return out.length >= 4 ? out : ring;
}

function simplifyGeometry(g: Geometry, toleranceM: number): Geometry {
  if (g.type === 'Polygon') return { ...g, coordinates: (g.coordinates as Ring[]).map((r) => simplifyRing(r, toleranceM)) };
  return { ...g, coordinates: (g.coordinates as Ring[][]).map((p) => p.map((r) => simplifyRing(r, toleranceM))) };
}

if (process.argv[1]?.endsWith('simplify-geojson.ts')) {
  const [input, output, tol = '1'] = process.argv.slice(2);
  if (!input || !output) throw new Error('usage: simplify-geojson.ts <in.geojson> <out.geojson> [toleranceMetres]');
  const data = JSON.parse(fs.readFileSync(input, 'utf8')) as Collection;
  const count = (c: Collection) => JSON.stringify(c.features.map((f) => f.geometry?.coordinates)).split('],[').length;
  const before = count(data);
  for (const f of data.features) if (f.geometry) f.geometry = simplifyGeometry(f.geometry, Number(tol));
  fs.writeFileSync(output, JSON.stringify(data));
  console.log(`${input} → ${output}: ≈ ${before} → ${count(data)} vertices at ${tol} m, ${fs.statSync(output).size} bytes`);
}
