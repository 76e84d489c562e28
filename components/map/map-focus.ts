import { createValueStore } from '@/components/live/value-store';

/** Somewhere the map should show now: the queue's selected incident, a search hit. */
export interface MapFocus {
  lon: number;
  lat: number;
  /** Zoom to reach; the current one when it is already closer. */
  zoom?: number;
  /** What is there (the details card opens on it). */
  id?: string;
}

/** Set by whoever selects something located (the incident queue); the map flies to it. One console per tab. */
export const mapFocus = createValueStore<MapFocus | null>(null);

export function focusMapOn(lat: number | null, lon: number | null, id?: string): void {
  if (lat === null || lon === null) return;
  mapFocus.set({ lat, lon, zoom: 15, id });
}
