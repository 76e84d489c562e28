import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { EventStore } from '@/components/live/event-store';
import { rewind } from '@/components/rewind/rewind-controller';
import type { CameraDto } from '@/lib/domain/camera';
import type { IncidentDto } from '@/lib/domain/incident';
import { CLUSTER_BELOW_ZOOM } from './aggregate';
import { contextLayerIds } from './context-overlays';
import { gisLayers } from './gis-store';
import { layerVisibility } from './layer-toggles';
import { cameraObject, contextObject, eventObject, incidentObject, unitObject } from './map-objects';
import { mapHover, mapSelection, type MapObject } from './map-selection';
import { UNIT_LAYER_ID } from './unit-layer';
import type { UnitBuffers } from './unit-store';

/** How near the pointer an object counts as pointed at, in CSS pixels (a dot is 7 px wide). */
const RADIUS = 6;

export interface PickSources {
  events: EventStore;
  units: () => UnitBuffers | null;
  /** True while a geofence is being drawn or edited: clicks belong to the editor. */
  busy: () => boolean;
  openIncident: (id: string) => void;
}

/**
 * Hover tooltips and click-for-details for everything on the map, in one order: deck.gl's units, incidents and
 * cameras (GPU picking of those few layers only), then the nearest live event dot (a box scan of the typed arrays:
 * the 100k-point layer is never GPU-picked), then MapLibre's GIS layers, geofences and alert areas. Hover runs at
 * most once per animation frame. An incident click opens its workspace, as it always did.
 */
export function attachPicking(map: MapLibreMap, overlay: Pick<MapboxOverlay, 'pickObject'>, src: PickSources): () => void {
  const pickAt = (x: number, y: number): MapObject | null => {
    const v = layerVisibility.get();
    const info = overlay.pickObject({ x, y, radius: RADIUS, layerIds: [UNIT_LAYER_ID, 'incidents', 'cameras'] });
    if (info?.layer && info.object !== undefined) {
      const id = info.layer.id;
      const units = src.units();
      if (id === UNIT_LAYER_ID && units) return unitObject(units, info.object as number);
      if (id === 'incidents') return incidentObject(info.object as IncidentDto);
      if (id === 'cameras') return cameraObject(info.object as CameraDto);
    }
    if (v.events && rewind.store.get().mode === 'live' && map.getZoom() >= CLUSTER_BELOW_ZOOM) {
      const e = nearestEvent(map, src.events, x, y);
      if (e) return eventObject(e);
    }
    const layers = contextLayerIds(map);
    if (!layers.length) return null;
    const [f] = map.queryRenderedFeatures([[x - RADIUS, y - RADIUS], [x + RADIUS, y + RADIUS]], { layers });
    return f ? contextObject(f, gisLayers.get()) : null;
  };

  let frame = 0;
  let last: { x: number; y: number } | null = null;
  const onMove = (e: MapMouseEvent) => {
    last = { x: e.point.x, y: e.point.y };
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (!last || src.busy()) return mapHover.set(null);
      const object = pickAt(last.x, last.y);
      map.getCanvas().style.cursor = object ? 'pointer' : '';
      mapHover.set(object ? { object, x: last.x, y: last.y } : null);
    });
  };
  const onLeave = () => {
    last = null;
    mapHover.set(null);
  };
  const onClick = (e: MapMouseEvent) => {
    if (src.busy()) return;
    const object = pickAt(e.point.x, e.point.y);
    if (object?.ref?.type === 'incident') return src.openIncident(object.ref.id);
    mapSelection.set(object);
  };
  map.on('mousemove', onMove);
  map.on('mouseout', onLeave);
  map.on('click', onClick);
  return () => {
    cancelAnimationFrame(frame);
    map.off('mousemove', onMove);
    map.off('mouseout', onLeave);
    map.off('click', onClick);
  };
}

/** The live event drawn nearest the pointer within RADIUS: a scan of the ring inside a small lon/lat box. */
function nearestEvent(map: MapLibreMap, events: EventStore, x: number, y: number) {
  const { mapLength } = events.getState();
  const { positions, events: dtos } = events.map;
  const a = map.unproject([x - RADIUS, y + RADIUS]);
  const b = map.unproject([x + RADIUS, y - RADIUS]);
  const c = map.unproject([x, y]);
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < mapLength; i++) {
    const lon = positions[i * 2]!;
    const lat = positions[i * 2 + 1]!;
    if (lon < a.lng || lon > b.lng || lat < a.lat || lat > b.lat) continue;
    const d = (lon - c.lng) ** 2 + (lat - c.lat) ** 2;
    if (d <= bestD) [best, bestD] = [i, d];
  }
  return best >= 0 ? dtos[best] : undefined;
}
