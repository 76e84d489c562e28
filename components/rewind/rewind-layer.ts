import { DotLayer } from '@/components/map/dot-layer';
import type { VisibleFrame } from './rewind-frame';

export const REWIND_LAYER_ID = 'rewind-events';

type FrameData = {
  length: number;
  attributes: { getPosition: { value: Float32Array; size: 2 }; getFillColor: { value: Uint8Array; size: 4 } };
};

/**
 * The past at the cursor: the trailing window's events, newest brightest, from the composer's reused typed
 * arrays (binary attributes, as the live layer). Rebuilt per animation frame while playing; only the trail's
 * few thousand points are uploaded each time. Drawn as GL points like the live layer (dot-layer.ts says why):
 * a replay redraws every frame, which a software renderer could not keep up with as instanced quads.
 */
export function createRewindLayer(frame: VisibleFrame, version: number): DotLayer {
  const data: FrameData = {
    length: frame.length,
    attributes: {
      getPosition: { value: frame.positions, size: 2 },
      getFillColor: { value: frame.colors, size: 4 },
    },
  };
  return new DotLayer({
    id: REWIND_LAYER_ID,
    data,
    // A little larger than live points: a replay is watched for where things happened, not scanned in bulk.
    radiusPixels: 5,
    lineWidthPixels: 1,
    lineColor: [2, 6, 23, 160],
    pickable: false,
    updateTriggers: { getPosition: version, getFillColor: version },
  });
}
