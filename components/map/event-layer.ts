import type { EventStoreState, MapBuffers } from '@/components/live/event-store';
import { packedDotLayer, type DotLayer } from './dot-layer';

/**
 * Live events as one deck.gl layer fed straight from the store's typed arrays (binary attributes):
 * no per-event JS objects, no accessor calls, no GeoJSON parsing.
 *
 * How an update stays cheap: the store writes new events into its ring buffer in place; here, each
 * store version gets a new `data` wrapper around the SAME typed arrays. deck.gl sees the new `data`
 * identity, skips all accessor work (the values are already packed) and copies the arrays into the
 * existing GPU buffers (≈ 1.2 MB for 100k points: one bufferSubData, no reallocation). Building the
 * layer object itself is O(1). The store notifies at most once per animation frame, so a burst of
 * batches costs one upload per frame. Drawn as points, not instanced quads (dot-layer.ts says why).
 */

export const EVENT_LAYER_ID = 'live-events';

/**
 * `accumulate`: draw only the slots written since the last frame into a kept picture (dot-accumulation.ts), for
 * software renderers, where a full 100k-dot frame costs hundreds of ms.
 */
export function createEventLayer(buffers: MapBuffers, state: EventStoreState, accumulate = false): DotLayer {
  // Only filled slots are drawn; slots past it are stale or zero and never reach the screen.
  const dots = { length: state.mapLength, positions: buffers.positions, colors: buffers.colors, version: state.version };
  const ring = accumulate ? { written: state.mapWritten, head: state.mapHead, length: state.mapLength, capacity: buffers.capacity } : null;
  // A dark rim keeps a point readable where thousands overlap on a dark base map.
  return packedDotLayer(EVENT_LAYER_ID, dots, { radiusPixels: 3.5, lineWidthPixels: 1, lineColor: [2, 6, 23, 200], ring });
}
