import type { District } from '@/lib/districts/district-geometry';

/**
 * A map snapshot as a self-contained SVG string: district outlines (the console map's base layer) and marked
 * points, fitted to what is shown. Pure and dependency-free, so the incident report (a downloaded file that must
 * open anywhere, offline, and print), the responder brief (a phone without WebGL to spare) and the dashboard's
 * drill-down draw the same picture on the server or in the browser.
 */
export type MarkKind = 'incident' | 'event' | 'camera' | 'unit' | 'hazard' | 'prior';

export interface Mark {
  lat: number;
  lon: number;
  kind: MarkKind;
  label?: string;
  /** CSS colour; each kind has a default. */
  color?: string;
}

export interface SnapshotOptions {
  width: number;
  height: number;
  /** Smallest span shown (metres across the shorter side), so a lone point is not a blank square. */
  minSpanM?: number;
  /** Straight lines to draw (a unit's line of approach), as pairs of marks' indexes. */
  lines?: [number, number][];
  title?: string;
}

const M_PER_DEG_LAT = 110_540;
const COLORS: Record<MarkKind, string> = {
  incident: '#f87171',
  event: '#60a5fa',
  camera: '#a3b1c6',
  unit: '#34d399',
  hazard: '#fbbf24',
  prior: '#94a3b8',
};

export const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const n = (v: number) => (Math.round(v * 10) / 10).toString();

/** On every district outline drawn: a caller crediting the outlines' source does so only when some are in view. */
export const DISTRICT_MARK = 'data-layer="districts"';

export function snapshotSvg(districts: readonly District[], marks: readonly Mark[], o: SnapshotOptions): string {
  const { width: W, height: H } = o;
  const pts = marks.filter((m) => Number.isFinite(m.lat) && Number.isFinite(m.lon));
  if (!pts.length) {
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="No location"><rect width="100%" height="100%" fill="#070b12"/><text x="50%" y="50%" fill="#a3b1c6" font-family="sans-serif" font-size="14" text-anchor="middle">No location known</text></svg>`;
  }
  const lat0 = pts.reduce((a, p) => a + p.lat, 0) / pts.length;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  const xs = pts.map((p) => p.lon * mPerDegLon);
  const ys = pts.map((p) => p.lat * M_PER_DEG_LAT);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const pad = 1.25;
  const spanX = Math.max((Math.max(...xs) - Math.min(...xs)) * pad, ((o.minSpanM ?? 400) * W) / Math.min(W, H));
  const spanY = Math.max((Math.max(...ys) - Math.min(...ys)) * pad, ((o.minSpanM ?? 400) * H) / Math.min(W, H));
  const scale = Math.min(W / spanX, H / spanY); // px per metre
  const px = (lon: number) => W / 2 + (lon * mPerDegLon - cx) * scale;
  const py = (lat: number) => H / 2 - (lat * M_PER_DEG_LAT - cy) * scale;
  const view = { w: (cx - W / 2 / scale) / mPerDegLon, e: (cx + W / 2 / scale) / mPerDegLon, s: (cy - H / 2 / scale) / M_PER_DEG_LAT, n: (cy + H / 2 / scale) / M_PER_DEG_LAT };

  const parts: string[] = [];
  parts.push(`<rect width="${W}" height="${H}" fill="#070b12"/>`);
  for (const d of districts) {
    if (d.bbox[2] < view.w || d.bbox[0] > view.e || d.bbox[3] < view.s || d.bbox[1] > view.n) continue;
    const path = d.polygons
      .flatMap((rings) => rings.map((ring) => {
        let s = '';
        for (let i = 0; i < ring.length; i += 2) s += `${i ? 'L' : 'M'}${n(px(ring[i]!))} ${n(py(ring[i + 1]!))}`;
        return `${s}Z`;
      }))
      .join('');
    parts.push(`<path ${DISTRICT_MARK} d="${path}" fill="#1e293b" fill-opacity="0.5" stroke="#475569" stroke-width="1" fill-rule="evenodd"/>`);
    const lx = px((d.bbox[0] + d.bbox[2]) / 2);
    const ly = py((d.bbox[1] + d.bbox[3]) / 2);
    if (lx > 40 && lx < W - 40 && ly > 16 && ly < H - 16) {
      parts.push(`<text x="${n(lx)}" y="${n(ly)}" fill="#64748b" font-size="11" text-anchor="middle">${escapeXml(d.name)}</text>`);
    }
  }
  for (const [a, b] of o.lines ?? []) {
    const p = pts[a];
    const q = pts[b];
    if (p && q) parts.push(`<line x1="${n(px(p.lon))}" y1="${n(py(p.lat))}" x2="${n(px(q.lon))}" y2="${n(py(q.lat))}" stroke="#34d399" stroke-width="3" stroke-dasharray="8 6"/>`);
  }
  // Incidents last, on top of everything else.
  const order: MarkKind[] = ['prior', 'camera', 'event', 'hazard', 'unit', 'incident'];
  for (const kind of order) {
    for (const m of pts.filter((p) => p.kind === kind)) {
      const x = n(px(m.lon));
      const y = n(py(m.lat));
      const c = escapeXml(m.color ?? COLORS[kind]);
      if (kind === 'incident') parts.push(`<circle cx="${x}" cy="${y}" r="13" fill="none" stroke="${c}" stroke-width="3"/><circle cx="${x}" cy="${y}" r="5" fill="${c}"/>`);
      else if (kind === 'camera') parts.push(`<rect x="${n(px(m.lon) - 5)}" y="${n(py(m.lat) - 4)}" width="10" height="8" rx="1" fill="${c}"/>`);
      else if (kind === 'unit') parts.push(`<path d="M${x} ${n(py(m.lat) - 9)}L${n(px(m.lon) + 8)} ${n(py(m.lat) + 7)}L${n(px(m.lon) - 8)} ${n(py(m.lat) + 7)}Z" fill="${c}" stroke="#04070d"/>`);
      else if (kind === 'hazard') parts.push(`<path d="M${x} ${n(py(m.lat) - 9)}L${n(px(m.lon) + 9)} ${y}L${x} ${n(py(m.lat) + 9)}L${n(px(m.lon) - 9)} ${y}Z" fill="${c}" stroke="#04070d"/>`);
      else parts.push(`<circle cx="${x}" cy="${y}" r="${kind === 'prior' ? 4 : 5}" fill="${c}" fill-opacity="0.9" stroke="#04070d"/>`);
      if (m.label) parts.push(`<text x="${n(px(m.lon) + 12)}" y="${n(py(m.lat) + 4)}" fill="#f1f5f9" font-size="12" font-weight="600" paint-order="stroke" stroke="#04070d" stroke-width="3">${escapeXml(m.label)}</text>`);
    }
  }
  // Scale bar: a round length about a fifth of the width.
  const target = W / 5 / scale;
  const bar = [25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000].reduce((best, v) => (Math.abs(v - target) < Math.abs(best - target) ? v : best));
  const bw = bar * scale;
  parts.push(`<g transform="translate(12 ${H - 14})"><rect x="0" y="-4" width="${n(bw)}" height="4" fill="#f1f5f9"/><text x="${n(bw + 6)}" y="0" fill="#f1f5f9" font-size="11">${bar >= 1000 ? `${bar / 1000} km` : `${bar} m`}</text></g>`);
  parts.push(`<text x="${W - 12}" y="20" fill="#f1f5f9" font-size="13" font-weight="700" text-anchor="end">N ↑</text>`);
  const title = o.title ? `<title>${escapeXml(o.title)}</title>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(o.title ?? 'Map snapshot')}" font-family="system-ui, sans-serif">${title}${parts.join('')}</svg>`;
}

/** Straight-line distance (m) and compass bearing from a to b: what a responder sees without a routing engine. */
export function distanceBearing(a: { lat: number; lon: number }, b: { lat: number; lon: number }): { meters: number; bearing: string } {
  const R = 6_371_000;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  const meters = 2 * R * Math.asin(Math.sqrt(h));
  const y = Math.sin(dLon) * Math.cos(toRad(b.lat));
  const x = Math.cos(toRad(a.lat)) * Math.sin(toRad(b.lat)) - Math.sin(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.cos(dLon);
  const deg = ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
  return { meters, bearing: ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'][Math.round(deg / 45) % 8]! };
}
