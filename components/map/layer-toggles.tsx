'use client';

import { useSyncExternalStore } from 'react';
import { createValueStore } from '@/components/live/value-store';

export const MAP_LAYERS = ['events', 'incidents', 'cameras'] as const;
export type MapLayerKey = (typeof MAP_LAYERS)[number];
export type LayerVisibility = Readonly<Record<MapLayerKey, boolean>>;

const LABEL: Record<MapLayerKey, string> = { events: 'Live events', incidents: 'Incidents', cameras: 'Cameras + view cones' };

/** Shared by the toggles and the map (one console per tab); the map applies it without re-rendering React. */
export const layerVisibility = createValueStore<LayerVisibility>({ events: true, incidents: true, cameras: true });

export function LayerToggles({ className = '' }: { className?: string }) {
  const vis = useSyncExternalStore(layerVisibility.subscribe, layerVisibility.get, layerVisibility.get);
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
