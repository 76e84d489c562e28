'use client';

import { useSyncExternalStore } from 'react';
import { startCameraDrag } from '@/components/wall/camera-drag';
import { geofenceDraft } from './geofence-editor';
import { geofenceList } from './gis-store';
import { mapHover, mapSelection } from './map-selection';

/** The hovered object's name by the pointer (a tooltip), and the clicked one's details in a card. */
export function MapDetails({ canEditGeofences }: { canEditGeofences: boolean }) {
  const hover = useSyncExternalStore(mapHover.subscribe, mapHover.get, mapHover.get);
  const selected = useSyncExternalStore(mapSelection.subscribe, mapSelection.get, mapSelection.get);
  const editShape = (id: string) => {
    const g = geofenceList.get().find((x) => x.id === id);
    if (!g) return;
    mapSelection.set(null);
    geofenceDraft.set({ mode: 'edit', id, name: g.name, kind: g.kind, points: g.polygon.coordinates[0]!.slice(0, -1) as [number, number][] });
  };
  return (
    <>
      {hover && (
        <div role="tooltip" data-testid="map-tooltip" className="pointer-events-none absolute z-20 max-w-72 rounded border border-line bg-panel/95 px-2 py-1 text-xs shadow-lg"
          style={{ left: hover.x + 14, top: hover.y + 14 }}>
          <span className="text-ink-muted">{hover.object.kind}: </span>
          <span className="font-semibold">{hover.object.title}</span>
        </div>
      )}
      {selected && (
        <section aria-label="Map object details" className="absolute top-3 left-3 z-20 w-80 rounded-md border border-line bg-panel/95 p-3 text-sm shadow-xl">
          <div className="flex items-start gap-2">
            <div className="min-w-0">
              <p className="text-xs tracking-wide text-ink-muted uppercase">{selected.kind}</p>
              <h2 className="font-semibold break-words">{selected.title}</h2>
            </div>
            <button type="button" aria-label="Close details" onClick={() => mapSelection.set(null)} className="ml-auto min-h-8 min-w-8 rounded border border-line pointer-coarse:min-h-11 pointer-coarse:min-w-11">×</button>
          </div>
          {selected.rows.length > 0 && (
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
              {selected.rows.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-ink-muted">{k}</dt>
                  <dd className="break-words">{v}</dd>
                </div>
              ))}
            </dl>
          )}
          {selected.ref?.type === 'camera' && (
            // The wall is usually another window: HTML drag and drop carries the camera id across windows.
            <p
              draggable
              data-testid="camera-drag-handle"
              onDragStart={(e) => startCameraDrag(e.dataTransfer, selected.ref!.id, selected.title)}
              className="mt-2 cursor-grab rounded border border-dashed border-line px-2 py-1 text-xs text-ink-muted select-none"
            >
              ⠿ Drag onto a video wall tile
            </p>
          )}
          {canEditGeofences && selected.ref?.type === 'geofence' && (
            <button type="button" onClick={() => editShape(selected.ref!.id)} className="mt-2 rounded border border-line px-2 py-1 text-xs pointer-coarse:min-h-11">Edit shape</button>
          )}
        </section>
      )}
    </>
  );
}
