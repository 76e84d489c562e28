import { layers as protomapsLayers, namedFlavor } from '@protomaps/basemaps';
import * as maplibregl from 'maplibre-gl';
import { Protocol } from 'pmtiles';
import type { FontFacesSpecification, LayerSpecification, VectorSourceSpecification } from 'maplibre-gl';
import type { Basemap } from '@/lib/domain/basemap';

/**
 * The offline street map: a Protomaps v4 archive drawn with @protomaps/basemaps' dark flavour, read through the
 * `pmtiles` protocol with HTTP Range requests to the console's own origin (connect-src 'self' is enough). Labels
 * are drawn from Noto Sans files served by the console (`font-faces`, copied from @fontsource/noto-sans at
 * install): no glyph server, no sprite, nothing fetched from elsewhere.
 */
export const STREETS = 'protomaps';

/** Layers that need the Protomaps sprite (icons) we leave out: POI icons, road shields, one-way arrows. */
const NEEDS_SPRITE = new Set(['pois', 'roads_shields', 'roads_oneway']);

const FONT_DIR = '/basemap/fonts';
const FACES: Record<string, string> = { 'Noto Sans Regular': '400-normal', 'Noto Sans Medium': '500-normal', 'Noto Sans Italic': '400-italic' };
/** @fontsource/noto-sans' own subset ranges; characters outside them fall back to the browser's fonts. */
const RANGES = {
  latin: ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+02C6', 'U+02DA', 'U+02DC', 'U+2000-206F', 'U+20AC', 'U+2122', 'U+2212', 'U+2215', 'U+FEFF', 'U+FFFD'],
  'latin-ext': ['U+0100-02BA', 'U+02BD-02C5', 'U+02C7-02CC', 'U+02CE-02D7', 'U+02DD-02FF', 'U+1D00-1DBF', 'U+1E00-1E9F', 'U+1EF2-1EFF', 'U+2020', 'U+20A0-20AB', 'U+20AD-20C0', 'U+2113', 'U+2C60-2C7F', 'U+A720-A7FF'],
} as const;

export function labelFontFaces(origin: string): FontFacesSpecification {
  return Object.fromEntries(
    Object.entries(FACES).map(([name, face]) => [
      name,
      (Object.keys(RANGES) as (keyof typeof RANGES)[]).map((subset) => ({
        url: new URL(`${FONT_DIR}/noto-sans-${subset}-${face}.woff2`, origin).href,
        'unicode-range': [...RANGES[subset]],
      })),
    ]),
  );
}

let registered = false;
/** The `pmtiles://` protocol, once per page. */
export function registerPmtiles(): void {
  if (registered) return;
  registered = true;
  maplibregl.addProtocol('pmtiles', new Protocol().tile);
}

export function streetSource(basemap: Basemap, origin: string): VectorSourceSpecification {
  // Its credit is among the map's credits (LiveMapProps.credits), listed once with the agency's own.
  return { type: 'vector', url: `pmtiles://${new URL(basemap.url, origin).href}` };
}

/**
 * The dark flavour, darkened towards the console's own background so live points, units and cones stay the
 * brightest things on screen; street names stay legible.
 */
export function streetLayers(): LayerSpecification[] {
  const flavor = { ...namedFlavor('dark'), background: '#070b12', earth: '#0d131c', water: '#0a1a2b', buildings: '#141b26' };
  return protomapsLayers(STREETS, flavor, { lang: 'en' })
    .filter((l) => !NEEDS_SPRITE.has(l.id))
    .map((l) => {
      if (l.type !== 'symbol' || !l.layout?.['icon-image']) return l;
      const { 'icon-image': _icon, ...layout } = l.layout;
      return { ...l, layout };
    });
}
