import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { publishDebug } from '@/components/live/debug-handle';
import { ZGeofenceDto, type GeofenceDto } from '@/lib/domain/geofence';
import { gisColor, gisHidden, gisLayers, loadGisLayers } from './gis-store';
import { layerVisibility } from './layer-toggles';
import { labelFont } from './map-style';

/**
 * Static context drawn by MapLibre above the streets: imported GIS layers, geofences and the areas of recent CAP
 * alerts (GeoJSON sources: they change on an import or an edit, never per live message). Fills and lines go under
 * the street labels, points and names on top. Re-installed after a style change (an agency style that failed).
 */
export const GEOFENCES = 'ctx-geofences';
export const ALERTS = 'ctx-alerts';
export const gisSourceId = (id: string) => `ctx-gis-${id}`;
const ALERTS_EVERY_MS = 60_000;

const GEOFENCE_COLOR = ['match', ['get', 'kind'], 'school', '#fbbf24', 'hospital', '#f472b6', 'critical', '#f87171', '#94a3b8'];
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Every layer id this module adds, for picking (map-picking.ts). */
export function contextLayerIds(map: MapLibreMap): string[] {
  return (map.getStyle()?.layers ?? []).filter((l) => l.id.startsWith('ctx-')).map((l) => l.id);
}

export function createContextOverlays(map: MapLibreMap, onGeofences: (g: GeofenceDto[]) => void) {
  let geofences: FeatureCollection = EMPTY;
  let alerts: FeatureCollection = EMPTY;
  const gisData = new Map<string, FeatureCollection>();
  const ctl = new AbortController();
  // Not map.isStyleLoaded(): that stays false while any tile is still loading, which on a street map is most of
  // the time, and layers added then were silently skipped. The style itself is ready from 'load'/'style.load' on.
  let ready = false;

  const under = () => map.getStyle()?.layers.find((l) => l.type === 'symbol' && !l.id.startsWith('ctx-'))?.id;
  const add = (layer: LayerSpecification, below: boolean) => {
    if (!map.getLayer(layer.id)) map.addLayer(layer, below ? under() : undefined);
  };
  const source = (id: string, data: FeatureCollection) => {
    const s = map.getSource(id) as GeoJSONSource | undefined;
    if (s) s.setData(data);
    else map.addSource(id, { type: 'geojson', data });
  };

  function installGeofences() {
    source(GEOFENCES, geofences);
    const font = labelFont(map);
    add({ id: `${GEOFENCES}-fill`, type: 'fill', source: GEOFENCES, paint: { 'fill-color': GEOFENCE_COLOR as never, 'fill-opacity': 0.08 } }, true);
    add({ id: `${GEOFENCES}-line`, type: 'line', source: GEOFENCES, paint: { 'line-color': GEOFENCE_COLOR as never, 'line-width': 1.5, 'line-dasharray': [3, 2] } }, true);
    add({ id: `${GEOFENCES}-label`, type: 'symbol', source: GEOFENCES, minzoom: 13,
      layout: { 'text-field': ['get', 'name'], 'text-font': font, 'text-size': 11, 'symbol-placement': 'point' },
      paint: { 'text-color': GEOFENCE_COLOR as never, 'text-halo-color': '#04070d', 'text-halo-width': 1.5 } }, false);
  }
  function installAlerts() {
    source(ALERTS, alerts);
    add({ id: `${ALERTS}-fill`, type: 'fill', source: ALERTS, paint: { 'fill-color': '#f97316', 'fill-opacity': 0.12 } }, true);
    add({ id: `${ALERTS}-line`, type: 'line', source: ALERTS, paint: { 'line-color': '#fb923c', 'line-width': 2, 'line-dasharray': [1, 1] } }, true);
  }
  function installGis(id: string, color: string) {
    const data = gisData.get(id);
    if (!data) return;
    const src = gisSourceId(id);
    source(src, data);
    const polys = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false] as never;
    const points = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false] as never;
    add({ id: `${src}-fill`, type: 'fill', source: src, filter: polys, paint: { 'fill-color': color, 'fill-opacity': 0.1 } }, true);
    add({ id: `${src}-line`, type: 'line', source: src, filter: ['!', points] as never, paint: { 'line-color': color, 'line-width': 1.5 } }, true);
    add({ id: `${src}-point`, type: 'circle', source: src, filter: points,
      paint: { 'circle-color': color, 'circle-radius': 4, 'circle-stroke-color': '#04070d', 'circle-stroke-width': 1 } }, false);
    add({ id: `${src}-label`, type: 'symbol', source: src, minzoom: 14,
      layout: { 'text-field': ['coalesce', ['get', 'name'], ['get', 'Name'], ['get', 'NAME'], ''], 'text-font': labelFont(map), 'text-size': 11, 'text-offset': [0, 1.1], 'text-anchor': 'top' },
      paint: { 'text-color': color, 'text-halo-color': '#04070d', 'text-halo-width': 1.5 } }, false);
  }

  const setVisible = (prefix: string, on: boolean) => {
    for (const id of contextLayerIds(map)) if (id.startsWith(`${prefix}-`)) map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
  };
  function applyVisibility() {
    if (!ready) return;
    const v = layerVisibility.get();
    setVisible(GEOFENCES, v.geofences);
    setVisible(ALERTS, v.alertAreas);
    const hidden = gisHidden.get();
    gisLayers.get().forEach((l, i) => {
      const on = !hidden[l.id];
      if (on && !gisData.has(l.id)) void fetchGis(l.id, i);
      setVisible(gisSourceId(l.id), on);
    });
    publishDebug({ mapGisShown: gisLayers.get().filter((l) => !hidden[l.id] && gisData.has(l.id)).map((l) => l.name) });
  }

  const pending = new Set<string>();
  async function fetchGis(id: string, index: number) {
    if (pending.has(id)) return;
    pending.add(id);
    try {
      const res = await fetch(`/api/gis/layers/${id}`, { signal: ctl.signal });
      if (!res.ok) return;
      gisData.set(id, (await res.json()) as FeatureCollection);
      if (ready) installGis(id, gisColor(index));
      applyVisibility();
    } catch {
      // aborted or offline: tried again when shown again
    } finally {
      pending.delete(id);
    }
  }

  async function loadGeofences() {
    try {
      const res = await fetch('/api/geofences', { signal: ctl.signal, cache: 'no-store' });
      if (!res.ok) return;
      const list = ((await res.json()) as { geofences?: unknown[] }).geofences ?? [];
      const dtos = list.flatMap((g) => { const p = ZGeofenceDto.safeParse(g); return p.success ? [p.data] : []; });
      geofences = { type: 'FeatureCollection', features: dtos.map((g) => ({ type: 'Feature', id: g.id, properties: { id: g.id, name: g.name, kind: g.kind }, geometry: g.polygon })) };
      onGeofences(dtos);
      if (ready) installGeofences();
      publishDebug({ mapGeofences: dtos.length });
    } catch { /* offline: next reload */ }
  }
  async function loadAlerts() {
    try {
      const res = await fetch('/api/gis/alert-areas', { signal: ctl.signal, cache: 'no-store' });
      if (!res.ok) return;
      const areas = ((await res.json()) as { areas?: { seq: string; title: string; typeCode: string; occurredAt: string; geometry: FeatureCollection['features'][number]['geometry'] }[] }).areas ?? [];
      alerts = { type: 'FeatureCollection', features: areas.map((a) => ({ type: 'Feature', properties: { title: a.title, typeCode: a.typeCode, occurredAt: a.occurredAt }, geometry: a.geometry })) };
      if (ready) installAlerts();
      publishDebug({ mapAlertAreas: areas.length });
    } catch { /* offline: next poll */ }
  }

  const installAll = () => {
    ready = true;
    installAlerts();
    installGeofences();
    gisLayers.get().forEach((l, i) => installGis(l.id, gisColor(i)));
    applyVisibility();
  };
  if (map.isStyleLoaded()) installAll();
  map.on('style.load', installAll);
  map.on('load', installAll);
  const unsubs = [layerVisibility.subscribe(applyVisibility), gisHidden.subscribe(applyVisibility), gisLayers.subscribe(applyVisibility)];
  const timer = setInterval(() => void loadAlerts(), ALERTS_EVERY_MS);
  void loadGeofences();
  void loadAlerts();
  void loadGisLayers(ctl.signal);

  return {
    reloadGeofences: loadGeofences,
    stop() {
      ctl.abort();
      clearInterval(timer);
      for (const u of unsubs) u();
      map.off('style.load', installAll);
      map.off('load', installAll);
    },
  };
}
