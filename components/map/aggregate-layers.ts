import { GridCellLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { heatColor, type Clusters, type HeatGrid } from './aggregate';

export function createClusterLayers(c: Clusters): Layer[] {
  const labels = Array.from({ length: c.length }, (_, i) => ({
    p: [c.positions[i * 2]!, c.positions[i * 2 + 1]!] as [number, number],
    n: c.counts[i]!,
  }));
  const radii = new Float32Array(c.length);
  for (let i = 0; i < c.length; i++) radii[i] = c.counts[i]! === 1 ? 4 : Math.min(30, 9 + 4 * Math.log10(c.counts[i]!) * 2);
  return [
    new ScatterplotLayer({
      id: 'event-clusters',
      data: { length: c.length, attributes: { getPosition: { value: c.positions, size: 2 }, getRadius: { value: radii, size: 1 } } },
      radiusUnits: 'pixels',
      getFillColor: [56, 189, 248, 150],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      getLineColor: [186, 230, 253, 230],
      pickable: false,
    }),
    new TextLayer<(typeof labels)[number]>({
      id: 'event-cluster-counts',
      data: labels.filter((l) => l.n > 1),
      getPosition: (l) => l.p,
      getText: (l) => (l.n >= 10_000 ? `${Math.round(l.n / 1000)}k` : l.n >= 1000 ? `${(l.n / 1000).toFixed(1)}k` : String(l.n)),
      getSize: 12,
      getColor: [2, 6, 23, 255],
      fontWeight: 700,
      fontFamily: 'system-ui, sans-serif',
      characterSet: '0123456789.k',
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      pickable: false,
    }),
  ];
}

export function createHeatLayer(g: HeatGrid): Layer {
  const colors = new Uint8Array(g.length * 4);
  // Square-root scale: one hot block must not wash every other cell out to the coolest colour.
  for (let i = 0; i < g.length; i++) colors.set(heatColor(Math.sqrt(g.counts[i]! / Math.max(1, g.max))), i * 4);
  return new GridCellLayer({
    id: 'heatmap',
    data: { length: g.length, attributes: { getPosition: { value: g.corners, size: 2 }, getFillColor: { value: colors, size: 4 } } },
    cellSize: g.cellM,
    extruded: false,
    pickable: false,
  });
}
