import type { Layer } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { publishDebug } from '@/components/live/debug-handle';
import type { EventStore } from '@/components/live/event-store';
import { onNextFrame } from '@/components/live/frame-scheduler';
import { rewind } from '@/components/rewind/rewind-controller';
import { FrameComposer } from '@/components/rewind/rewind-frame';
import { createRewindLayer } from '@/components/rewind/rewind-layer';
import { CLUSTER_BELOW_ZOOM, clusterPoints, heatGrid } from './aggregate';
import { createClusterLayers, createHeatLayer } from './aggregate-layers';
import { heatHours, type LayerVisibility } from './layer-toggles';
import { createLayerReuse } from './layer-reuse';
import { INITIAL_VIEW } from './map-style';
import { createUnitLayers } from './unit-layer';
import { placeUnitLabels } from './unit-labels';
import { createUnitStore, loadUnits } from './unit-store';

/** Aggregations of 100k points cost milliseconds: redone at most this often, never per batch. */
const CLUSTER_EVERY_MS = 500;
const HEAT_EVERY_MS = 5000;
const UNITS_SNAPSHOT_EVERY_MS = 30_000;
const labelZoomOf = (z: number) => Math.round(z * 4) / 4;

export interface BaseLayers {
  cameraLayers: Layer[];
  eventLayer: Layer | null;
  incidentLayer: Layer | null;
}

/**
 * The map's layers beyond live points, incidents and cameras: the rewind replay, units, the heatmap and low-zoom
 * clusters. Each keeps its own cadence (rewind per animation frame, units per AVL batch, aggregations on a
 * throttle) and asks the overlay to recompose (urgent: at once, for what the operator does; else paced by the
 * overlay); `compose` decides the stack, and in rewind shows only the past.
 */
export function createMapExtras(map: MapLibreMap, events: EventStore, recompose: (urgent?: boolean) => void, vis: () => LayerVisibility) {
  const composer = new FrameComposer();
  let rewindLayer: Layer | null = null;
  let unitLayers: Layer[] = [];
  let heatLayer: Layer | null = null;
  let clusterLayers: Layer[] | null = null;
  let clusteredVersion = -1;
  let clusteredZoom = -1;
  let clusterTimer: ReturnType<typeof setTimeout> | undefined;
  let framePending = false;
  let labelZoom = -1;

  const units = createUnitStore();
  const ctl = new AbortController();
  const refreshUnits = () => void loadUnits(ctl.signal).then((list) => list && units.applySnapshot(list));

  let stopped = false;
  const onRewind = () => {
    if (stopped) return;
    const s = rewind.store.get();
    if (s.mode === 'live') {
      rewindLayer = null;
      publishDebug({ rewindPoints: 0 });
    } else {
      const frame = composer.compose(rewind.visibleChunks(s), s.cursor);
      rewindLayer = createRewindLayer(frame, s.cursor + s.dataVersion * 1e-3);
      publishDebug({ rewindPoints: frame.length });
    }
    recompose(true); // the operator is replaying: every frame of it
  };

  const rebuildUnits = (now = false) => {
    if (framePending) return;
    framePending = true;
    onNextFrame(() => {
      framePending = false;
      labelZoom = labelZoomOf(map.getZoom());
      const labels = placeUnitLabels(units.buffers, labelZoom);
      unitLayers = createUnitLayers(units.buffers, labels);
      publishDebug({ mapUnits: units.buffers.length, mapUnitLabels: labels.length });
      recompose(now);
    });
  };

  const rebuildHeat = () => {
    if (!vis().heatmap) return;
    const st = events.getState();
    const since = Date.now() - heatHours.get() * 3_600_000;
    const grid = heatGrid(events.map.positions, events.map.times, st.mapLength, since, map.getCenter().lat || INITIAL_VIEW.center[1]);
    heatLayer = createHeatLayer(grid);
    publishDebug({ mapHeatCells: grid.length });
    recompose();
  };

  /** Re-clusters when the zoom level or the data changed, throttled; returns whether clusters replace the points. */
  const clustering = (): boolean => {
    const z = Math.floor(map.getZoom());
    if (!vis().clusters || z >= CLUSTER_BELOW_ZOOM) {
      if (clusterLayers) publishDebug({ mapClusters: 0 });
      clusterLayers = null;
      clusteredZoom = -1;
      return false;
    }
    const version = events.getState().version;
    if (z !== clusteredZoom) {
      // A zoom change re-clusters at once: the operator is looking.
      clearTimeout(clusterTimer);
      clusterTimer = undefined;
      runCluster(z, version);
    } else if (version !== clusteredVersion && !clusterTimer) {
      clusterTimer = setTimeout(() => {
        clusterTimer = undefined;
        runCluster(Math.floor(map.getZoom()), events.getState().version);
        recompose();
      }, CLUSTER_EVERY_MS);
    }
    return true;
  };
  const runCluster = (z: number, version: number) => {
    const st = events.getState();
    const clusters = clusterPoints(events.map.positions, st.mapLength, z);
    clusterLayers = createClusterLayers(clusters);
    publishDebug({ mapClusters: clusters.length });
    clusteredZoom = z;
    clusteredVersion = version;
  };

  const unsubs = [
    rewind.store.subscribe(onRewind),
    units.subscribe(() => rebuildUnits()),
    events.onAccepted((batch) => void units.applyEvents(batch)),
    heatHours.subscribe(rebuildHeat),
  ];
  // Which unit labels fit depends on the zoom: re-placed when it changed by a quarter step. The operator zoomed: drawn now.
  const onZoom = () => (labelZoomOf(map.getZoom()) !== labelZoom ? rebuildUnits(true) : recompose(true));
  map.on('zoomend', onZoom);
  const timers = [
    setInterval(refreshUnits, UNITS_SNAPSHOT_EVERY_MS),
    setInterval(rebuildHeat, HEAT_EVERY_MS),
    setInterval(() => units.refreshStale(), 60_000),
  ];
  refreshUnits();
  // Not synchronously: the caller's compose closes over the object this returns.
  queueMicrotask(onRewind);

  let heatWasOn = false;
  const reuse = createLayerReuse<Layer>();
  return {
    /** Where the units are drawn (slot-indexed): the picking names them. */
    units: units.buffers,
    compose(base: BaseLayers): Layer[] {
      return reuse(stack(base));
    },
    stop(): void {
      stopped = true;
      ctl.abort();
      clearTimeout(clusterTimer);
      for (const t of timers) clearInterval(t);
      for (const u of unsubs) u();
      map.off('zoomend', onZoom);
    },
  };

  function stack(base: BaseLayers): Layer[] {
    const v = vis();
    if (rewindLayer) return [...(v.cameras ? base.cameraLayers : []), rewindLayer];
    if (v.heatmap && !heatWasOn) {
      heatWasOn = true;
      queueMicrotask(rebuildHeat);
    }
    heatWasOn = v.heatmap;
    const points = clustering() ? (clusterLayers ?? []) : base.eventLayer ? [base.eventLayer] : [];
    return [
      ...(v.cameras ? base.cameraLayers : []),
      ...(v.heatmap && heatLayer ? [heatLayer] : []),
      ...(v.events ? points : []),
      ...(v.units ? unitLayers : []),
      ...(v.incidents && base.incidentLayer ? [base.incidentLayer] : []),
    ];
  }
}
