import { basemapCovers, type Basemap } from '@/lib/domain/basemap';
import type { HomeView } from '@/lib/domain/agency';

/** ODbL asks every map drawn from OpenStreetMap data to say so. */
export const OSM_ATTRIBUTION = '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noreferrer">© OpenStreetMap contributors</a>';

/** The credit for the data bundled with the SF street map (its neighbourhood outlines: DataSF, PDDL). */
export const BUILTIN_CONTEXT_CREDIT = 'DataSF';

/**
 * Street maps shipped with the console (public/basemap/, each with its SOURCE note). San Francisco: a Protomaps
 * extract of OpenStreetMap, zooms 0–14 (MapLibre overzooms past 14), bounds from the archive's header.
 */
export const BUILTIN_BASEMAPS: readonly Basemap[] = [
  {
    id: 'sf',
    name: 'San Francisco streets (OpenStreetMap)',
    url: '/basemap/sf.pmtiles',
    bounds: [-122.52, 37.7, -122.35, 37.83],
    maxzoom: 14,
    attribution: OSM_ATTRIBUTION,
  },
];

/**
 * The street map for an agency's home view, or null when none covers it: an agency elsewhere gets a plain map
 * and a note, never another city's streets passed off as its own.
 */
export function basemapFor(home: HomeView | null, available: readonly Basemap[] = BUILTIN_BASEMAPS): Basemap | null {
  if (!home) return null;
  return available.find((b) => basemapCovers(b, home.lon, home.lat)) ?? null;
}
