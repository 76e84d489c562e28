import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';
import { createValueStore } from '@/components/live/value-store';
import type { GeofenceKind } from '@/lib/domain/geofence';

/**
 * Drawing a new geofence (click the corners) or editing one (drag its corners) on the map. The draft lives in a
 * store the panel (geofence-panel.tsx) and the map share; the panel saves it through the geofence API.
 */
export interface GeofenceDraft {
  mode: 'draw' | 'edit';
  /** The geofence being edited. */
  id?: string;
  name: string;
  kind: GeofenceKind;
  /** Corners, [lon, lat], the ring not closed. */
  points: [number, number][];
}

export const geofenceDraft = createValueStore<GeofenceDraft | null>(null);

const SRC = 'draft-geofence';
const VERTICES = `${SRC}-vertices`;

function draftData(d: GeofenceDraft | null): FeatureCollection {
  if (!d) return { type: 'FeatureCollection', features: [] };
  const ring = d.points.length >= 3 ? [[...d.points, d.points[0]!]] : null;
  return {
    type: 'FeatureCollection',
    features: [
      ...(ring ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: ring } }] : []),
      ...(d.points.length >= 2 && !ring ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: d.points } }] : []),
      ...d.points.map((p, i) => ({ type: 'Feature' as const, properties: { i }, geometry: { type: 'Point' as const, coordinates: p } })),
    ],
  };
}

/** The polygon to store: the ring closed, as GeoJSON wants it. */
export const draftPolygon = (d: GeofenceDraft) => ({ type: 'Polygon' as const, coordinates: [[...d.points, d.points[0]!]] });

export function attachGeofenceEditor(map: MapLibreMap): () => void {
  const install = () => {
    if (map.getSource(SRC)) return;
    map.addSource(SRC, { type: 'geojson', data: draftData(geofenceDraft.get()) });
    map.addLayer({ id: `${SRC}-fill`, type: 'fill', source: SRC, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#38bdf8', 'fill-opacity': 0.15 } });
    map.addLayer({ id: `${SRC}-line`, type: 'line', source: SRC, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#38bdf8', 'line-width': 2 } });
    map.addLayer({ id: VERTICES, type: 'circle', source: SRC, filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 6, 'circle-color': '#0c4a6e', 'circle-stroke-color': '#e0f2fe', 'circle-stroke-width': 2 } });
  };
  const render = () => {
    const d = geofenceDraft.get();
    (map.getSource(SRC) as GeoJSONSource | undefined)?.setData(draftData(d));
    map.getCanvas().style.cursor = d?.mode === 'draw' ? 'crosshair' : '';
    if (d) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
  };
  const onClick = (e: MapMouseEvent) => {
    const d = geofenceDraft.get();
    if (d?.mode !== 'draw') return;
    geofenceDraft.set({ ...d, points: [...d.points, [e.lngLat.lng, e.lngLat.lat]] });
  };
  let dragging: number | null = null;
  const onDown = (e: MapLayerMouseEvent) => {
    const d = geofenceDraft.get();
    const i = e.features?.[0]?.properties?.i;
    if (!d || typeof i !== 'number') return;
    e.preventDefault(); // no pan while a corner moves
    dragging = i;
  };
  const onMove = (e: MapMouseEvent) => {
    const d = geofenceDraft.get();
    if (dragging === null || !d) return;
    const points = d.points.slice();
    points[dragging] = [e.lngLat.lng, e.lngLat.lat];
    geofenceDraft.set({ ...d, points });
  };
  const onUp = () => {
    dragging = null;
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && geofenceDraft.get()) geofenceDraft.set(null);
  };

  let ready = false;
  const onReady = () => {
    ready = true;
    install();
  };
  if (map.isStyleLoaded()) onReady();
  map.on('load', onReady);
  map.on('style.load', onReady);
  const unsub = geofenceDraft.subscribe(() => {
    if (ready) install();
    render();
  });
  map.on('click', onClick);
  map.on('mousedown', VERTICES, onDown);
  map.on('mousemove', onMove);
  map.on('mouseup', onUp);
  window.addEventListener('keydown', onKey);
  return () => {
    unsub();
    map.off('load', onReady);
    map.off('style.load', onReady);
    map.off('click', onClick);
    map.off('mousedown', VERTICES, onDown);
    map.off('mousemove', onMove);
    map.off('mouseup', onUp);
    window.removeEventListener('keydown', onKey);
  };
}
