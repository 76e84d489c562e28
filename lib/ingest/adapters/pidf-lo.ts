import { XMLParser } from 'fast-xml-parser';

/**
 * The little of PIDF-LO (RFC 4119 / 5491, the location inside an EIDO) the map needs: a point with its
 * uncertainty radius, and the civic address as one line. Geodetic shapes other than a point or circle are
 * reduced to their centre (polygon: vertex mean) with the largest radius the shape gives, never guessed.
 *
 * PIDF-LO arrives as a string inside JSON from another agency: no DTD, no entities. A document declaring
 * either is refused before parsing, and the parser itself is told not to expand entities.
 */

export interface PidfLocation {
  lat: number | null;
  lon: number | null;
  uncertaintyM: number | null;
  method: string | null;
  address: string | null;
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
  parseTagValue: false,
  trimValues: true,
});

export class PidfError extends Error {}

function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (v && typeof v === 'object' && '#text' in v) return text((v as XmlNode)['#text']);
  return null;
}

/** Depth-first search for the first element named `name` anywhere below `node`. */
function find(node: unknown, name: string, depth = 0): unknown {
  if (!node || typeof node !== 'object' || depth > 40) return undefined;
  if (Array.isArray(node)) {
    for (const n of node) {
      const hit = find(n, name, depth + 1);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
  const obj = node as XmlNode;
  if (Object.hasOwn(obj, name)) return Array.isArray(obj[name]) ? (obj[name] as unknown[])[0] : obj[name];
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('@')) continue;
    const hit = find(v, name, depth + 1);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** `lat lon` pairs of a gml:pos / gml:posList (EPSG:4326 order is latitude first). */
function pairs(s: string | null): [number, number][] {
  if (!s) return [];
  const nums = s.split(/\s+/).map(Number);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) {
    const lat = nums[i]!;
    const lon = nums[i + 1]!;
    if (Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) out.push([lat, lon]);
  }
  return out;
}

function metres(v: unknown): number | null {
  const t = text(v);
  const n = t === null ? NaN : Number(t);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function geodetic(info: unknown): Pick<PidfLocation, 'lat' | 'lon' | 'uncertaintyM'> {
  for (const shape of ['Point', 'Circle', 'Sphere', 'Ellipse', 'Ellipsoid', 'ArcBand', 'Polygon', 'Prism']) {
    const node = find(info, shape);
    if (node === undefined) continue;
    const pts = pairs(text(find(node, 'pos')) ?? text(find(node, 'posList')));
    if (!pts.length) continue;
    const lat = pts.reduce((a, p) => a + p[0], 0) / pts.length;
    const lon = pts.reduce((a, p) => a + p[1], 0) / pts.length;
    const radius =
      metres(find(node, 'radius')) ?? metres(find(node, 'semiMajorAxis')) ?? metres(find(node, 'outerRadius'));
    return { lat, lon, uncertaintyM: radius };
  }
  return { lat: null, lon: null, uncertaintyM: null };
}

/** RFC 5139 civic address → "42 W Cellular Street, Wilmington, DE" (house, street, community, state). */
function civic(info: unknown): string | null {
  const node = find(info, 'civicAddress');
  if (!node || typeof node !== 'object') return null;
  const c = node as XmlNode;
  const part = (k: string) => text(c[k]);
  const street = [part('HNO'), part('HNS'), part('PRD'), part('RD'), part('STS'), part('POD')].filter(Boolean).join(' ');
  const line = [street, part('LOC'), part('A3'), part('A1'), part('PC')].filter(Boolean).join(', ');
  return line || null;
}

export function parsePidfLo(xml: string): PidfLocation {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new PidfError('PIDF-LO may not declare a DTD or entities');
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    throw new PidfError(`PIDF-LO is not well-formed XML: ${(err as Error).message.split('\n')[0]}`);
  }
  const info = find(doc, 'location-info');
  if (info === undefined) throw new PidfError('PIDF-LO has no location-info');
  return { ...geodetic(info), method: text(find(doc, 'method')), address: civic(info) };
}
