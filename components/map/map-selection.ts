import { createValueStore } from '@/components/live/value-store';

/** What the operator pointed at on the map, as the details card shows it. */
export interface MapObject {
  /** unit, camera, event, incident, geofence, alert area, or a GIS layer's name. */
  kind: string;
  title: string;
  rows: [string, string][];
  /** For actions on it: a geofence's id (edit its shape), an incident's id (open it). */
  ref?: { type: 'geofence' | 'incident' | 'camera'; id: string };
}

/** The clicked object (details card) and the hovered one (tooltip, with its screen position). */
export const mapSelection = createValueStore<MapObject | null>(null);
export const mapHover = createValueStore<{ object: MapObject; x: number; y: number } | null>(null);
