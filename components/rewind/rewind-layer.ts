import { packedDotLayer, type DotLayer } from '@/components/map/dot-layer';
import type { VisibleFrame } from './rewind-frame';

export const REWIND_LAYER_ID = 'rewind-events';

/**
 * The past at the cursor: the trailing window's events, newest brightest, from the composer's reused typed
 * arrays (binary attributes, as the live layer). Rebuilt per animation frame while playing; only the trail's
 * few thousand points are uploaded each time. Drawn as GL points like the live layer (dot-layer.ts says why):
 * a replay redraws every frame, which a software renderer could not keep up with as instanced quads.
 */
export function createRewindLayer(frame: VisibleFrame, version: number): DotLayer {
  const dots = { length: frame.length, positions: frame.positions, colors: frame.colors, version };
  // A little larger than live points: a replay is watched for where things happened, not scanned in bulk.
  return packedDotLayer(REWIND_LAYER_ID, dots, { radiusPixels: 5, lineWidthPixels: 1, lineColor: [2, 6, 23, 160] });
}
