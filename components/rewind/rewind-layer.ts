import { ScatterplotLayer } from '@deck.gl/layers';
import type { VisibleFrame } from './rewind-frame';

export const REWIND_LAYER_ID = 'rewind-events';

type FrameData = {
  length: number;
  attributes: { getPosition: { value: Float32Array; size: 2 }; getFillColor: { value: Uint8Array; size: 4 } };
};

/**
 * The past at the cursor: the trailing window's events, newest brightest, from the composer's reused typed
 * arrays (binary attributes, as the live layer). Rebuilt per animation frame while playing; only the trail's
 * few thousand points are uploaded each time.
 */
export function createRewindLayer(frame: VisibleFrame, version: number): ScatterplotLayer<FrameData> {
  return new ScatterplotLayer<FrameData>({
    id: REWIND_LAYER_ID,
    data: {
      length: frame.length,
      attributes: {
        getPosition: { value: frame.positions, size: 2 },
        getFillColor: { value: frame.colors, size: 4 },
      },
    },
    radiusUnits: 'pixels',
    // A little larger than live points: a replay is watched for where things happened, not scanned in bulk.
    getRadius: 5,
    radiusMinPixels: 3,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    getLineColor: [2, 6, 23, 160],
    pickable: false,
    updateTriggers: { getPosition: version, getFillColor: version },
  });
}
