import { ScatterplotLayer } from '@deck.gl/layers';
import type { EventStoreState, MapBuffers } from '@/components/live/event-store';

/**
 * Live events as one deck.gl layer fed straight from the store's typed arrays (binary attributes):
 * no per-event JS objects, no accessor calls, no GeoJSON parsing.
 *
 * How an update stays cheap: the store writes new events into its ring buffer in place; here, each
 * store version gets a new `data` wrapper around the SAME typed arrays. deck.gl sees the new `data`
 * identity, skips all accessor work (the values are already packed) and copies the arrays into the
 * existing GPU buffers (≈ 1.2 MB for 100k points: one bufferSubData, no reallocation). Building the
 * layer object itself is O(1). The store notifies at most once per animation frame, so a burst of
 * batches costs one upload per frame.
 */

export const EVENT_LAYER_ID = 'live-events';

type EventData = {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4 };
  };
};

export function createEventLayer(buffers: MapBuffers, state: EventStoreState): ScatterplotLayer<EventData> {
  const data: EventData = {
    // Only filled slots are drawn; slots past it are stale or zero and never reach the screen.
    length: state.mapLength,
    attributes: {
      getPosition: { value: buffers.positions, size: 2 },
      getFillColor: { value: buffers.colors, size: 4 },
    },
  };
  return new ScatterplotLayer<EventData>({
    id: EVENT_LAYER_ID,
    data,
    // Positions and colours come from `data.attributes`; these are constants for every point.
    radiusUnits: 'pixels',
    getRadius: 3.5,
    radiusMinPixels: 2,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    // A dark rim keeps a point readable where thousands overlap on a dark base map.
    getLineColor: [2, 6, 23, 200],
    // Picking would allocate and refill a 100k-entry picking-colour buffer on every update;
    // nothing on the map is clickable yet.
    pickable: false,
    // Belt and braces: if a future deck.gl compared `data` deeply, the version still forces the upload.
    updateTriggers: { getPosition: state.version, getFillColor: state.version },
  });
}
