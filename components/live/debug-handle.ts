/**
 * `window.__rtcc`: a read-only peek for the e2e tests (they poll it instead of sleeping). It carries a
 * count and a sequence number only, never event content, so it is safe to leave on in production.
 */
export interface RtccDebugHandle {
  /** Points the deck.gl event layer currently draws. */
  mapPoints: number;
  /** Highest event seq the browser has applied. */
  lastSeq: string | null;
  /** Points the rewind layer draws at the replay cursor (0 when live). */
  rewindPoints?: number;
  /** Units the units layer holds. */
  mapUnits?: number;
  /** Call-sign labels drawn (stacked or crowded units share or skip one: components/map/unit-labels.ts). */
  mapUnitLabels?: number;
  /** The map's zoom once its last move ended. */
  mapZoom?: number;
  /** The map's centre [lon, lat] once its last move ended (the e2e checks it opens on the user's agency). */
  mapCenter?: [number, number];
  /** Imported GIS layers drawn now (by name), geofences and CAP alert areas loaded (e2e waits on them). */
  mapGisShown?: string[];
  mapGeofences?: number;
  mapAlertAreas?: number;
  /** The base style's sources and the street names MapLibre has drawn on screen (public map data, after each move). */
  mapSources?: string[];
  mapStreetNames?: string[];
  /** Clusters drawn instead of points when zoomed out (0 when points are drawn). */
  mapClusters?: number;
  /** Cells of the heatmap's last aggregation. */
  mapHeatCells?: number;
  /** hls.js instances alive now / created since the page loaded (the wall soak test checks none leak). */
  hlsLive?: number;
  hlsCreated?: number;
  /** Events applied per kind since the page loaded (the demo e2e checks every kind reached the map or feed). */
  eventKinds?: Record<string, number>;
}

declare global {
  interface Window {
    __rtcc?: RtccDebugHandle;
  }
}

export function publishDebug(patch: Partial<RtccDebugHandle>): void {
  if (typeof window === 'undefined') return;
  // One object, updated in place, so a test holding a reference sees later values too.
  const handle = (window.__rtcc ??= { mapPoints: 0, lastSeq: null });
  Object.assign(handle, patch);
}

/**
 * Timing hook for the map benchmark (tests/bench/map.ts): a no-op unless the bench installed `window.__rtccProbe`
 * before the page loaded. Production pages never define it, so this costs one property read.
 */
export function probe(name: 'events' | 'layer' | 'render' | 'basemap', startMs: number, detail?: number): void {
  if (typeof window === 'undefined') return;
  (window as unknown as { __rtccProbe?: (n: string, t0: number, d?: number) => void }).__rtccProbe?.(name, startMs, detail);
}
