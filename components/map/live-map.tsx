'use client';

import { MapboxOverlay } from '@deck.gl/mapbox';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useCallback, useState } from 'react';
import { publishDebug } from '@/components/live/debug-handle';
import type { EventStore } from '@/components/live/event-store';
import { useLiveStores } from '@/components/live/socket-provider';
import { createEventLayer } from './event-layer';
import { addNeighbourhoods, createDefaultStyle, INITIAL_VIEW } from './map-style';

/** Copied from node_modules by scripts/copy-maplibre-worker.mjs: MapLibre 6 does not bundle its worker. */
const WORKER_URL = '/maplibre-gl-worker.mjs';

export interface LiveMapProps {
  /** An agency's own base style (MAP_STYLE_URL); without it the offline default is used. */
  styleUrl?: string;
}

/**
 * The city map with live events. Client-only (loaded through live-map-lazy.tsx): MapLibre and deck.gl
 * need WebGL and `window`. The map and overlay are created once per mount and updated imperatively
 * from the event store, so a new batch never re-renders React here.
 */
export default function LiveMap({ styleUrl }: LiveMapProps) {
  const { events } = useLiveStores();
  const [failure, setFailure] = useState<string | null>(null);

  // A ref callback with cleanup (React 19) rather than an effect: the map's life is exactly the
  // container element's, and a start-up failure can be reported straight from here.
  const attachMap = useCallback((container: HTMLDivElement) => {
    if (maplibregl.getWorkerUrl() !== WORKER_URL) maplibregl.setWorkerUrl(WORKER_URL);
    const origin = window.location.origin;

    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container,
        style: styleUrl ?? createDefaultStyle(origin),
        center: INITIAL_VIEW.center,
        zoom: INITIAL_VIEW.zoom,
        attributionControl: { compact: true },
        // North stays up: on a shared wall display a rotated or tilted map only disorients.
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
      });
      map.touchZoomRotate.disableRotation();
    } catch (err) {
      // No WebGL (blocked driver, remote desktop): say so instead of leaving a blank panel.
      console.error('[rtcc] map failed to start', err);
      setFailure('The map could not start: this browser has no usable WebGL.');
      return;
    }
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    watchStyle(map, styleUrl, origin);

    // interleaved: false puts deck.gl on its own canvas above the map: the 100k-point layer is
    // redrawn without re-rendering MapLibre's layers, and base-style changes cannot disturb it.
    const overlay = new MapboxOverlay({ interleaved: false, layers: [] });
    map.addControl(overlay);
    const stopFeeding = feedOverlay(overlay, events);

    return () => {
      stopFeeding();
      overlay.finalize(); // removes deck.gl's canvas and releases its GPU resources
      map.remove();
      publishDebug({ mapPoints: 0 });
    };
  }, [events, styleUrl]);

  return (
    <div className="absolute inset-0">
      {/* h-full/w-full: maplibre-gl.css (unlayered) forces position:relative on .maplibregl-map, beating Tailwind's inset-0 */}
      <div ref={attachMap} className="absolute inset-0 h-full w-full" aria-label="Live event map" role="region" />
      {failure && (
        <p role="alert" className="absolute inset-x-0 top-1/3 mx-auto max-w-md rounded-md border border-danger/60 bg-panel p-4 text-center">
          {failure}
        </p>
      )}
    </div>
  );
}

/** Pushes each store version to the overlay; the store already coalesces batches per frame. */
function feedOverlay(overlay: MapboxOverlay, events: EventStore): () => void {
  let shownVersion = -1;
  const update = () => {
    const state = events.getState();
    if (state.version === shownVersion) return;
    shownVersion = state.version;
    overlay.setProps({ layers: [createEventLayer(events.map, state)] });
    publishDebug({ mapPoints: state.mapLength });
  };
  update();
  return events.subscribe(update);
}

/** Neighbourhoods on top of an agency style; falls back to the offline style if that one cannot load. */
function watchStyle(map: maplibregl.Map, styleUrl: string | undefined, origin: string): void {
  if (!styleUrl) return;
  let loaded = false;
  map.on('style.load', () => {
    loaded = true;
    addNeighbourhoods(map, origin);
  });
  map.on('error', (event) => {
    if (loaded) return;
    // Unreachable tile server (air-gapped site, outage): a plain map beats a black panel.
    console.error('[rtcc] map style failed to load, using the offline style', event.error);
    loaded = true;
    map.setStyle(createDefaultStyle(origin));
  });
}
