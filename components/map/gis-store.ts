import { createValueStore } from '@/components/live/value-store';
import type { GeofenceDto } from '@/lib/domain/geofence';
import { ZGisLayerDto, type GisLayerDto } from '@/lib/domain/gis-layer';

/** The agency's imported GIS layers (names and extents) and which are shown; features load when first shown. */
export const gisLayers = createValueStore<readonly GisLayerDto[]>([]);
/** Hidden layers by id: a new layer shows until the operator turns it off. */
export const gisHidden = createValueStore<Readonly<Record<string, boolean>>>({});

export async function loadGisLayers(signal?: AbortSignal): Promise<void> {
  try {
    const res = await fetch('/api/gis/layers', { signal, cache: 'no-store' });
    if (!res.ok) return;
    const body = (await res.json()) as { layers?: unknown[] };
    gisLayers.set((body.layers ?? []).flatMap((l) => {
      const p = ZGisLayerDto.safeParse(l);
      return p.success ? [p.data] : [];
    }));
  } catch {
    // offline or aborted: the last list stays
  }
}

/** A fixed colour per layer (by position in the list), distinct from the event kinds' and priorities'. */
export const GIS_PALETTE = ['#a78bfa', '#34d399', '#f472b6', '#facc15', '#60a5fa', '#fb923c', '#2dd4bf', '#c084fc'] as const;
export const gisColor = (index: number) => GIS_PALETTE[index % GIS_PALETTE.length]!;

/** The agency's geofences as last loaded (the editor starts from one), and a counter that asks for a reload. */
export const geofenceList = createValueStore<readonly GeofenceDto[]>([]);
export const geofenceReload = createValueStore(0);
