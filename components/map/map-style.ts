import type {
  GeoJSONSourceSpecification,
  LayerSpecification,
  Map as MapLibreMap,
  StyleSpecification,
} from 'maplibre-gl';
import type { Basemap } from '@/lib/domain/basemap';
import { labelFontFaces, STREETS, streetLayers, streetSource } from './basemap-style';

/**
 * The one place the base map is described. MapLibre draws only slow-changing context (streets, neighbourhoods,
 * GIS layers, geofences); live events are deck.gl's job (event-layer.ts), never a GeoJSON source here.
 */

/** The demo city: San Francisco, the whole of it on a 1920×1080 wall tile. */
export const INITIAL_VIEW = { center: [-122.44, 37.76] as [number, number], zoom: 12 };

/**
 * The outlines drawn: the district file with the vertices within 1 m of its outline dropped
 * (scripts/simplify-geojson.ts; 42,667 → 11,571 vertices, 934 → 257 KB). Tiling the full file in MapLibre's worker
 * cost ≈ 1.8 s of CPU before the streets showed on a software renderer (bench:map-floor). District lookups
 * (lib/districts) keep the full borders.
 */
const NEIGHBOURHOODS_URL_PATH = '/geo/sf-neighborhoods-outline.geojson';
const NEIGHBOURHOODS = 'neighbourhoods';
/**
 * With no `glyphs` URL, MapLibre 6 draws text with the browser's own fonts (the stack is used as a
 * CSS font-family list), so the offline style needs no glyph server.
 */
const LOCAL_FONT = ['system-ui'];

const COLORS = {
  background: '#070b12',
  fill: '#1e293b',
  line: '#475569',
  label: '#a3b1c6',
  halo: '#04070d',
} as const;

function neighbourhoodSource(origin: string): GeoJSONSourceSpecification {
  return {
    type: 'geojson',
    // Absolute: MapLibre fetches it from a worker, which may be a blob URL that has no base to resolve against.
    data: new URL(NEIGHBOURHOODS_URL_PATH, origin).href,
    // No credit here: the map's credits come from the agency's sources and settings (LiveMapProps.credits).
  };
}

/** Fill + outline + name. `textFont` null: no labels (a base style whose glyph server we cannot match). */
function neighbourhoodLayers(textFont: string[] | null): LayerSpecification[] {
  const layers: LayerSpecification[] = [
    {
      id: 'nhood-fill',
      type: 'fill',
      source: NEIGHBOURHOODS,
      paint: { 'fill-color': COLORS.fill, 'fill-opacity': 0.35 },
    },
    {
      id: 'nhood-line',
      type: 'line',
      source: NEIGHBOURHOODS,
      paint: {
        'line-color': COLORS.line,
        'line-opacity': 0.8,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 15, 1.5],
      },
    },
  ];
  if (textFont) {
    layers.push({
      id: 'nhood-label',
      type: 'symbol',
      source: NEIGHBOURHOODS,
      // Below this zoom 41 names overlap the live points they are meant to give context to.
      minzoom: 11,
      layout: {
        'text-field': ['get', 'nhood'],
        'text-font': textFont,
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 11, 15, 15],
        'text-max-width': 8,
        'text-letter-spacing': 0.04,
      },
      paint: { 'text-color': COLORS.label, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.5 },
    });
  }
  return layers;
}

/**
 * The offline default. With a street map (the agency's own, or the bundled one covering it): Protomaps streets
 * and labels (basemap-style.ts) with the neighbourhood outlines between the roads and the labels. Without one:
 * background and neighbourhoods. The SF neighbourhoods are drawn only for an agency in San Francisco
 * (`neighbourhoods`): another city gets no other city's outlines. Everything it needs is served by this app.
 */
export function createDefaultStyle(origin: string, basemap: Basemap | null = null, neighbourhoods = true): StyleSpecification {
  const base: StyleSpecification = {
    version: 8,
    name: 'RTCC dark (offline)',
    // Flat on purpose: the deck.gl overlay is set up for Web Mercator, and a city needs no globe.
    projection: { type: 'mercator' },
    sources: neighbourhoods ? { [NEIGHBOURHOODS]: neighbourhoodSource(origin) } : {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': COLORS.background } },
      ...(neighbourhoods ? neighbourhoodLayers(LOCAL_FONT) : []),
    ],
  };
  if (!basemap) return base;
  const streets = streetLayers();
  const firstLabel = streets.findIndex((l) => l.type === 'symbol');
  // Streets carry their own place names: the neighbourhoods keep their outline only, under the labels.
  const outline = neighbourhoods ? neighbourhoodLayers(null).filter((l) => l.id === 'nhood-line') : [];
  return {
    ...base,
    'font-faces': labelFontFaces(origin),
    sources: { [STREETS]: streetSource(basemap, origin), ...base.sources },
    layers: [...streets.slice(0, firstLabel), ...outline, ...streets.slice(firstLabel)],
  };
}

/**
 * Adds the neighbourhoods on top of an agency's own base style (MAP_STYLE_URL). Call on every
 * 'style.load'. Fill and line go under the base style's first label layer so street names stay
 * readable; our labels reuse a font the style's glyph server is known to have.
 */
export function addNeighbourhoods(map: MapLibreMap, origin: string): void {
  if (map.getSource(NEIGHBOURHOODS)) return;
  const style = map.getStyle();
  const firstSymbol = style.layers.find((layer) => layer.type === 'symbol');
  const textFont = style.glyphs ? fontOf(firstSymbol) : LOCAL_FONT;
  map.addSource(NEIGHBOURHOODS, neighbourhoodSource(origin));
  for (const layer of neighbourhoodLayers(textFont)) {
    map.addLayer(layer, layer.type === 'symbol' ? undefined : firstSymbol?.id);
  }
}

/**
 * The font for labels this app adds: Noto Sans when the style declares our font files (the street map), the
 * style's own first font when it has a glyph server (an agency style), the browser's font otherwise.
 */
export function labelFont(map: MapLibreMap): string[] {
  const style = map.getStyle();
  if (style?.['font-faces']) return ['Noto Sans Regular'];
  if (style?.glyphs) return fontOf(style.layers.find((l) => l.type === 'symbol')) ?? LOCAL_FONT;
  return LOCAL_FONT;
}

function fontOf(layer: LayerSpecification | undefined): string[] | null {
  if (layer?.type !== 'symbol') return null;
  const font: unknown = layer.layout?.['text-font'];
  return isStringArray(font) && font.length > 0 ? font : null;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item: unknown) => typeof item === 'string');
}
