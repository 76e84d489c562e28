import type { EventKind } from './event';

/**
 * The rules every door applies to an event's place, whatever format it came in (HTTP adapters, the console's own
 * batch, MQTT, mapped imports): one function, so the same event is accepted or refused the same way everywhere.
 *
 * - Kinds whose event IS a place (a gunshot detection, a vehicle position) are refused without coordinates.
 * - A position near (0, 0) ("null island": a device or export that wrote zeros for "unknown") or outside the
 *   agency's extent is stored, flagged in `payload.locationFlag`, and kept out of live views (as CAD calls outside
 *   a source's jurisdiction already were); search and history still find it.
 */
export const LOCATION_REQUIRED: ReadonlySet<EventKind> = new Set<EventKind>(['gunshot', 'avl']);

/** Within this many degrees of (0, 0) on both axes: open sea in the Gulf of Guinea, never a real incident here. */
export const NULL_ISLAND_DEGREES = 1;

export type LocationFlag = 'near_null_island' | 'outside_agency_extent';

/** The agency's bounding box (its jurisdiction's, padded a little: mutual aid across the city line still shows). */
export interface Extent {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export type PlaceVerdict = { ok: true; flag: LocationFlag | null } | { ok: false; field: 'lat' | 'lon'; reason: string };

export function checkPlace(e: { kind: EventKind; lat: number | null; lon: number | null }, extent: Extent | null): PlaceVerdict {
  if (e.lat === null || e.lon === null) {
    if (LOCATION_REQUIRED.has(e.kind)) return { ok: false, field: e.lat === null ? 'lat' : 'lon', reason: `a ${e.kind} event needs a location (lat and lon)` };
    return { ok: true, flag: null };
  }
  if (Math.abs(e.lat) < NULL_ISLAND_DEGREES && Math.abs(e.lon) < NULL_ISLAND_DEGREES) return { ok: true, flag: 'near_null_island' };
  if (extent && (e.lon < extent.minLon || e.lon > extent.maxLon || e.lat < extent.minLat || e.lat > extent.maxLat)) {
    return { ok: true, flag: 'outside_agency_extent' };
  }
  return { ok: true, flag: null };
}

/** Bounding box of GeoJSON (Multi)Polygon coordinates, padded by `padDegrees` on every side. */
export function extentOf(geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }, padDegrees = 0.05): Extent | null {
  const polys = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const poly of polys) {
    for (const [lon, lat] of poly[0] ?? []) {
      if (lon! < minLon) minLon = lon!;
      if (lon! > maxLon) maxLon = lon!;
      if (lat! < minLat) minLat = lat!;
      if (lat! > maxLat) maxLat = lat!;
    }
  }
  if (!Number.isFinite(minLon)) return null;
  return { minLon: minLon - padDegrees, minLat: minLat - padDegrees, maxLon: maxLon + padDegrees, maxLat: maxLat + padDegrees };
}
