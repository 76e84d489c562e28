'use client';

import { MapboxOverlay } from '@deck.gl/mapbox';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Layer } from '@deck.gl/core';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { probe, publishDebug } from '@/components/live/debug-handle';
import type { EventStore } from '@/components/live/event-store';
import type { IncidentStore } from '@/components/live/incident-store';
import { useLiveStores } from '@/components/live/socket-provider';
import type { HomeView } from '@/lib/domain/agency';
import type { Basemap } from '@/lib/domain/basemap';
import { ZCameraDto, type CameraDto } from '@/lib/domain/camera';
import { createCameraLayers, createIncidentLayer } from './context-layers';
import { createEventLayer } from './event-layer';
import { createMapExtras } from './map-extras';
import { createRedrawPacer } from './redraw-pacer';
import { layerVisibility } from './layer-toggles';
import { isSoftwareWebGL } from './software-gl';
import { addNeighbourhoods, createDefaultStyle, INITIAL_VIEW } from './map-style';
import { registerPmtiles } from './basemap-style';
import { createContextOverlays } from './context-overlays';
import { attachGeofenceEditor, geofenceDraft } from './geofence-editor';
import { geofenceList, geofenceReload } from './gis-store';
import { MapDetails } from './map-details';
import { mapFocus } from './map-focus';
import { attachPicking } from './map-picking';
import type { UnitBuffers } from './unit-store';

const NO_CREDITS: string[] = [];

/** Copied from node_modules by scripts/copy-maplibre-worker.mjs: MapLibre 6 does not bundle its worker. */
const WORKER_URL = '/maplibre-gl-worker.mjs';

export interface LiveMapProps {
  /** An agency's own base style (MAP_STYLE_URL); without it the offline default is used. */
  styleUrl?: string;
  /** Where the map opens: the user's agency's home view (default: the demo city). */
  home?: HomeView;
  /** The offline street map covering the agency (none: a plain map and a note saying so). */
  basemap?: Basemap | null;
  /** Administrators draw and reshape geofences on the map. */
  canEditGeofences?: boolean;
  /**
   * What the map credits (HTML, escaped by the server where an admin typed it): the street map's licence, the
   * agency's and its sources' data (lib/maps/map-credits.ts). The style's own sources carry none.
   */
  credits?: string[];
  /** Draw the bundled San Francisco neighbourhoods (an agency in San Francisco only). */
  neighbourhoods?: boolean;
}

/**
 * The city map with live events. Client-only (loaded through live-map-lazy.tsx): MapLibre and deck.gl
 * need WebGL and `window`. The map and overlay are created once per mount and updated imperatively
 * from the event store, so a new batch never re-renders React here.
 */
export default function LiveMap({ styleUrl, home, basemap = null, canEditGeofences = false, credits = NO_CREDITS, neighbourhoods = true }: LiveMapProps) {
  const { events, incidents } = useLiveStores();
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);

  // A ref callback with cleanup (React 19) rather than an effect: the map's life is exactly the
  // container element's, and a start-up failure can be reported straight from here.
  const attachMap = useCallback((container: HTMLDivElement) => {
    if (maplibregl.getWorkerUrl() !== WORKER_URL) maplibregl.setWorkerUrl(WORKER_URL);
    const origin = window.location.origin;
    registerPmtiles();

    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container,
        style: styleUrl ?? createDefaultStyle(origin, basemap, neighbourhoods),
        center: home ? [home.lon, home.lat] : INITIAL_VIEW.center,
        zoom: home?.zoom ?? INITIAL_VIEW.zoom,
        // Open, not folded behind an (i): OpenStreetMap's licence asks for its credit to be seen.
        attributionControl: { compact: false, customAttribution: credits },
        // North stays up: on a shared wall display a rotated or tilted map only disorients.
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        // Labels fade in over 300 ms by default: that is 300 ms of back-to-back full frames after every tile and
        // label change. On a software renderer each such frame holds the page's main thread for a commit (see
        // redraw-pacer.ts), so labels there appear at once instead.
        ...(isSoftwareWebGL() ? { fadeDuration: 0 } : {}),
      });
      map.touchZoomRotate.disableRotation();
    } catch (err) {
      // No WebGL (blocked driver, remote desktop): say so instead of leaving a blank panel.
      console.error('[rtcc] map failed to start', err);
      setFailure('The map could not start: this browser has no usable WebGL.');
      return;
    }
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    watchStyle(map, styleUrl, origin, basemap, neighbourhoods);
    // Where the view settled: e2e tests wait for a zoom to finish instead of sleeping through its animation.
    const where = () => publishDebug({ mapZoom: map.getZoom(), mapCenter: [map.getCenter().lng, map.getCenter().lat] });
    where();
    map.on('moveend', where);
    // The bench counts MapLibre's own frames: a live batch should redraw deck.gl's canvas only, never the streets.
    map.on('render', () => probe('basemap', performance.now()));

    // interleaved: false puts deck.gl on its own canvas above the map: the 100k-point layer is
    // redrawn without re-rendering MapLibre's layers, and base-style changes cannot disturb it.
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      // Multisampling on a software renderer multiplies the cost of every covered pixel (measured in SwiftShader:
      // 100k-point frames 1.5–4× faster without it) while the dots smooth their own edges: only a GPU gets MSAA.
      deviceProps: { webgl: { antialias: !isSoftwareWebGL() } },
      onAfterRender: () => probe('render', performance.now()),
    });
    const deckCanvas = attachWhenDrawn(map, overlay);
    const feeding = feedOverlay(map, overlay, events, incidents);
    const context = createContextOverlays(map, (list) => geofenceList.set(list));
    const stops = [
      deckCanvas.stop,
      feeding.stop,
      context.stop,
      geofenceReload.subscribe(() => void context.reloadGeofences()),
      attachGeofenceEditor(map),
      attachPicking(map, deckCanvas, { events, units: () => feeding.units, busy: () => geofenceDraft.get() !== null, openIncident: (id) => router.push(`/incidents/${id}`) }),
      followFocus(map),
    ];
    map.on('idle', () => publishStreets(map));

    return () => {
      for (const stop of stops) stop();
      overlay.finalize(); // removes deck.gl's canvas and releases its GPU resources
      map.remove();
      // A map mounted again (back to the console in-app) publishes its own street names once it has drawn them.
      publishDebug({ mapPoints: 0, mapStreetNames: undefined });
    };
  }, [events, incidents, router, styleUrl, home, basemap, credits, neighbourhoods]);

  return (
    <div className="absolute inset-0">
      {/* h-full/w-full: maplibre-gl.css (unlayered) forces position:relative on .maplibregl-map, beating Tailwind's inset-0 */}
      <div ref={attachMap} className="absolute inset-0 h-full w-full" aria-label="Live event map" role="region" />
      <MapDetails canEditGeofences={canEditGeofences} />
      {!styleUrl && !basemap && !failure && (
        <p className="pointer-events-none absolute top-3 left-1/2 z-10 -translate-x-1/2 rounded-md border border-line bg-panel/90 px-3 py-1.5 text-xs text-ink-muted" data-testid="no-street-map">
          No street map covers this area: an administrator can add one (.pmtiles) or set MAP_STYLE_URL.
        </p>
      )}
      {failure && (
        <p role="alert" className="absolute inset-x-0 top-1/3 mx-auto max-w-md rounded-md border border-danger/60 bg-panel p-4 text-center">
          {failure}
        </p>
      )}
    </div>
  );
}

/**
 * Pushes the stores' changes to the overlay, paced by what a frame costs here (redraw-pacer.ts): each layer object
 * is rebuilt only when its own source changed (events version, incident set, camera list, toggles), at draw time,
 * so one paced draw carries every batch that came meanwhile. Operator actions (toggles, rewind) draw at once.
 */
function feedOverlay(map: maplibregl.Map, overlay: MapboxOverlay, events: EventStore, incidents: IncidentStore): { stop: () => void; units: UnitBuffers } {
  let shownVersion = -1;
  let eventLayer: Layer | null = null;
  let incidentLayer: Layer | null = null;
  let shownIncidents: unknown = null;
  let cameraLayers: Layer[] = [];
  const draw = () => {
    const state = events.getState();
    if (state.version !== shownVersion) {
      shownVersion = state.version;
      const t0 = performance.now();
      eventLayer = createEventLayer(events.map, state, isSoftwareWebGL());
      publishDebug({ mapPoints: state.mapLength });
      probe('layer', t0, state.version);
    }
    const sorted = incidents.getState().sorted;
    if (sorted !== shownIncidents) {
      shownIncidents = sorted;
      incidentLayer = createIncidentLayer(sorted);
    }
    // Rewind, units, heatmap and clusters (map-extras.ts) decide the final stack; in rewind only the past shows.
    overlay.setProps({ layers: extras.compose({ cameraLayers, eventLayer, incidentLayer }) });
    drawNow(overlay);
  };
  const pacer = createRedrawPacer(draw);
  const extras = createMapExtras(map, events, (urgent) => (urgent ? pacer.now() : pacer.request()), layerVisibility.get);
  const onEvents = () => events.getState().version !== shownVersion && pacer.request();
  const onIncidents = () => incidents.getState().sorted !== shownIncidents && pacer.request();
  const ctl = new AbortController();
  void loadCameras(ctl.signal).then((cams) => {
    cameraLayers = createCameraLayers(cams);
    pacer.request();
  });
  pacer.now();
  const unsubs = [events.subscribe(onEvents), incidents.subscribe(onIncidents), layerVisibility.subscribe(() => pacer.now())];
  return {
    units: extras.units,
    stop: () => {
      ctl.abort();
      pacer.stop();
      extras.stop();
      for (const u of unsubs) u();
    },
  };
}

/** How long live points may wait for the street map's first complete frame (an unreachable tile server). */
const OVERLAY_WAIT_MS = 8000;

/**
 * deck.gl's canvas joins once MapLibre is first idle: style, tiles and street labels drawn and nothing left to load.
 * Before that every live batch would add a second full-size canvas to each frame the browser composes while the
 * streets are still being fetched and drawn, and on a software renderer that doubled the main thread's wait per frame
 * (Chromium trace of bench:console: 75–85 % of the main thread in compositor commits until the streets showed).
 * 'load' was too early: it comes with the first frame, before the labels, and deck.gl's start (a 2.3 s task of shader
 * compiles on a software renderer) then stood between the operator and the street names.
 * The layers are set meanwhile (MapboxOverlay keeps them) and drawn as soon as the canvas is there.
 */
function attachWhenDrawn(map: maplibregl.Map, overlay: MapboxOverlay): Pick<MapboxOverlay, 'pickObject'> & { stop: () => void } {
  let attached = false;
  const attach = () => {
    if (attached) return;
    attached = true;
    clearTimeout(timer);
    map.off('idle', attach);
    map.addControl(overlay);
  };
  const timer = setTimeout(attach, OVERLAY_WAIT_MS);
  map.once('idle', attach);
  return {
    // Nothing of deck.gl's is on screen before it is attached: nothing to pick.
    pickObject: (opts) => (attached ? overlay.pickObject(opts) : null),
    stop: () => {
      clearTimeout(timer);
      map.off('idle', attach);
    },
  };
}

/** Flies to what the operator selected elsewhere (the queue), never zooming out. */
function followFocus(map: maplibregl.Map): () => void {
  return mapFocus.subscribe(() => {
    const f = mapFocus.get();
    if (f) map.flyTo({ center: [f.lon, f.lat], zoom: Math.max(map.getZoom(), f.zoom ?? 0), duration: 800, essential: true });
  });
}

/** For the e2e checks: which sources the style has and which street names are on screen now. */
function publishStreets(map: maplibregl.Map): void {
  const sources = Object.keys(map.getStyle()?.sources ?? {});
  const labels = map.getLayer('roads_labels_minor') ? map.queryRenderedFeatures({ layers: ['roads_labels_minor', 'roads_labels_major'].filter((l) => map.getLayer(l)) }) : [];
  const names = [...new Set(labels.map((f) => f.properties?.name).filter((n): n is string => typeof n === 'string'))].slice(0, 50);
  publishDebug({ mapSources: sources, mapStreetNames: names });
}

/**
 * Draws the overlay now. The store notifies on an animation frame, and a layer set then would
 * wait for deck.gl's own loop to draw it on the NEXT frame: a frame of latency for every live batch and a second
 * frame's fixed cost on the main thread. MapboxOverlay keeps its Deck private; `Deck.setProps` only queues the new
 * layers (deck.gl applies them in its next animation frame, `LayerManager.updateLayers`), so `Deck.redraw` alone drew
 * the previous layers again (the same picture) and the batch's own frame followed a frame later: two frames and two
 * compositor commits per batch. Applying the queued layers first draws the batch in this frame, once. Without the
 * Deck (a future MapboxOverlay), deck.gl's loop still draws a frame later.
 */
function drawNow(overlay: MapboxOverlay): void {
  const deck = (overlay as unknown as { _deck?: { layerManager?: { updateLayers?: () => void } | null; redraw?: (reason?: string) => void } })._deck;
  deck?.layerManager?.updateLayers?.();
  deck?.redraw?.('live batch');
}

/** The agency's cameras (static context: loaded once per map). A failure leaves the layer empty. */
async function loadCameras(signal: AbortSignal): Promise<CameraDto[]> {
  try {
    const res = await fetch('/api/cameras', { signal, cache: 'no-store' });
    const body = (res.ok ? await res.json() : null) as { cameras?: unknown[] } | null;
    return (body?.cameras ?? []).flatMap((c) => {
      const p = ZCameraDto.safeParse(c);
      return p.success ? [p.data] : [];
    });
  } catch {
    return [];
  }
}

/** Neighbourhoods on top of an agency style; falls back to the offline style if that one cannot load. */
function watchStyle(map: maplibregl.Map, styleUrl: string | undefined, origin: string, basemap: Basemap | null, neighbourhoods: boolean): void {
  if (!styleUrl) return;
  let loaded = false;
  map.on('style.load', () => {
    loaded = true;
    if (neighbourhoods) addNeighbourhoods(map, origin);
  });
  map.on('error', (event) => {
    if (loaded) return;
    // Unreachable tile server (air-gapped site, outage): a plain map beats a black panel.
    console.error('[rtcc] map style failed to load, using the offline style', event.error);
    loaded = true;
    map.setStyle(createDefaultStyle(origin, basemap, neighbourhoods));
  });
}
