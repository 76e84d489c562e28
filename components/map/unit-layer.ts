import { TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { UnitLabel } from './unit-labels';
import type { UnitBuffers } from './unit-store';

export const UNIT_LAYER_ID = 'units';

/**
 * Units as heading arrows: a triangle glyph turned to the unit's heading, in its status colour, over a larger dark
 * one that keeps it readable on any base colour. A glyph layer rather than IconLayer: an icon atlas given as a URL
 * loads asynchronously, and with it deck.gl 9 left the icon frames empty (nothing drawn) in our tests; the text
 * atlas is built synchronously from the system font, as the cluster labels' is.
 *
 * The positions, angles and colours stay in the unit store's typed arrays, written in place per AVL fix; the layer
 * reads them through the slot index (units are hundreds, not the 100k-point event ring), and the store's version
 * tells deck.gl to re-read them.
 */
const ARROW = '▲';

export function createUnitLayers(buf: UnitBuffers, labels: UnitLabel[]): Layer[] {
  const slots = Array.from({ length: buf.length }, (_, i) => i);
  const common = {
    data: slots,
    getText: () => ARROW,
    characterSet: [ARROW],
    fontFamily: 'system-ui, "DejaVu Sans", sans-serif',
    getPosition: (i: number) => [buf.positions[i * 2]!, buf.positions[i * 2 + 1]!] as [number, number],
    getAngle: (i: number) => buf.angles[i]!,
    getTextAnchor: 'middle' as const,
    getAlignmentBaseline: 'center' as const,
    sizeUnits: 'pixels' as const,
    pickable: false,
  };
  return [
    new TextLayer<number>({ ...common, id: `${UNIT_LAYER_ID}-halo`, getSize: 26, getColor: [2, 6, 23, 230], updateTriggers: { getPosition: buf.version, getAngle: buf.version } }),
    new TextLayer<number>({
      ...common,
      id: UNIT_LAYER_ID,
      // Hover and click say which unit this is (map-picking.ts).
      pickable: true,
      getSize: 18,
      getColor: (i) => [buf.colors[i * 4]!, buf.colors[i * 4 + 1]!, buf.colors[i * 4 + 2]!, buf.colors[i * 4 + 3]!],
      updateTriggers: { getPosition: buf.version, getAngle: buf.version, getColor: buf.version },
    }),
    // The call sign beside the arrow, on a dark plate so it reads over streets and other labels; only those that
    // do not overprint another at this zoom (unit-labels.ts), stacked units as "E16 +2".
    new TextLayer<UnitLabel>({
      id: `${UNIT_LAYER_ID}-label`,
      data: labels,
      getText: (l) => l.text,
      getPosition: (l) => common.getPosition(l.slot),
      fontFamily: common.fontFamily,
      fontWeight: 600,
      getSize: 11,
      sizeUnits: 'pixels',
      getColor: [226, 232, 240, 255],
      getTextAnchor: 'start',
      getAlignmentBaseline: 'center',
      getPixelOffset: [11, 0],
      background: true,
      getBackgroundColor: [2, 6, 23, 210],
      backgroundPadding: [3, 1],
      pickable: false,
    }),
  ];
}
