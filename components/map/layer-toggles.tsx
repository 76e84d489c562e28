'use client';

import { useSyncExternalStore } from 'react';
import { createValueStore } from '@/components/live/value-store';
import { HEAT_HOURS, type HeatHours } from './aggregate';

export const MAP_LAYERS = ['events', 'clusters', 'units', 'heatmap', 'incidents', 'cameras', 'geofences', 'alertAreas'] as const;
export type MapLayerKey = (typeof MAP_LAYERS)[number];
export type LayerVisibility = Readonly<Record<MapLayerKey, boolean>>;

const LABEL: Record<MapLayerKey, string> = {
  events: 'Live events',
  clusters: 'Cluster when zoomed out',
  units: 'Units (AVL)',
  heatmap: 'Heatmap',
  incidents: 'Incidents',
  cameras: 'Cameras + view cones',
  geofences: 'Geofences',
  alertAreas: 'CAP alert areas',
};

/** Shared by the toggles and the map (one console per tab); the map applies it without re-rendering React. */
export const layerVisibility = createValueStore<LayerVisibility>({ events: true, clusters: true, units: true, heatmap: false, incidents: true, cameras: true, geofences: true, alertAreas: true });
/** How far back the heatmap counts events (hours). */
export const heatHours = createValueStore<HeatHours>(6);

export function LayerToggles({ className = '' }: { className?: string }) {
  const vis = useSyncExternalStore(layerVisibility.subscribe, layerVisibility.get, layerVisibility.get);
  const hours = useSyncExternalStore(heatHours.subscribe, heatHours.get, heatHours.get);
  return (
    <fieldset className={`rounded-md border border-line bg-panel/90 px-3 py-2 shadow-lg backdrop-blur-sm ${className}`}>
      <legend className="sr-only">Map layers</legend>
      <p className="mb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase" aria-hidden="true">
        Layers
      </p>
      {MAP_LAYERS.map((k) => (
        <label key={k} className="flex min-h-8 pointer-coarse:min-h-11 cursor-pointer items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-sky-400"
            checked={vis[k]}
            onChange={(e) => layerVisibility.set({ ...layerVisibility.get(), [k]: e.target.checked })}
          />
          {LABEL[k]}
          {k === 'heatmap' && (
            <select
              aria-label="Heatmap period"
              className="ml-auto rounded border border-line bg-panel px-1 text-xs pointer-coarse:h-11"
              value={hours}
              onChange={(e) => heatHours.set(Number(e.target.value) as HeatHours)}
            >
              {HEAT_HOURS.map((h) => (
                <option key={h} value={h}>last {h} h</option>
              ))}
            </select>
          )}
        </label>
      ))}
      <p className="mt-1 flex flex-wrap gap-x-2 text-xs text-ink-muted" aria-label="Incident priority colours">
        <span className="text-danger">● P1</span>
        <span className="text-warn">● P2</span>
        <span className="text-accent">● P3</span>
        <span>● P4</span>
      </p>
    </fieldset>
  );
}
