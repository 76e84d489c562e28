import { describe, expect, it } from 'vitest';
import { placeUnitLabels } from '@/components/map/unit-labels';

function units(list: { callSign: string; lon: number; lat: number; status?: string }[]) {
  const positions = new Float32Array(list.length * 2);
  list.forEach((u, i) => positions.set([u.lon, u.lat], i * 2));
  return { length: list.length, positions, callSigns: list.map((u) => u.callSign), statuses: list.map((u) => u.status ?? 'available') };
}

/** Label boxes as placeUnitLabels estimates them, in world pixels at `zoom`, to check none overlap. */
function boxes(buf: ReturnType<typeof units>, labels: { slot: number; text: string }[], zoom: number) {
  const scale = 512 * 2 ** zoom;
  return labels.map((l) => {
    const lon = buf.positions[l.slot * 2]!;
    const lat = buf.positions[l.slot * 2 + 1]!;
    const s = Math.sin((lat * Math.PI) / 180);
    const x = ((lon + 180) / 360) * scale;
    const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale;
    return { x0: x + 8, x1: x + 14 + l.text.length * 7, y0: y - 8, y1: y + 8 };
  });
}

describe('unit call-sign labels', () => {
  const station = { lon: -122.4194, lat: 37.7749 };

  it('units stacked at one station get one label that counts the others, the busiest unit named', () => {
    const buf = units([
      { callSign: 'E6', ...station },
      { callSign: 'E16', ...station, status: 'en_route' },
      { callSign: 'T16', lon: station.lon + 0.00001, lat: station.lat },
    ]);
    expect(placeUnitLabels(buf, 14)).toEqual([{ slot: 1, text: 'E16 +2' }]);
  });

  it('units a street apart are labelled each at street zoom, and never overprint at city zoom', () => {
    const list = Array.from({ length: 40 }, (_, i) => ({ callSign: `M${i}`, lon: station.lon + (i % 8) * 0.002, lat: station.lat + Math.floor(i / 8) * 0.0015 }));
    const buf = units(list);
    expect(placeUnitLabels(buf, 16)).toHaveLength(40);
    for (const zoom of [11, 12, 13]) {
      const labels = placeUnitLabels(buf, zoom);
      expect(labels.length).toBeGreaterThan(0);
      expect(labels.length).toBeLessThan(40);
      const b = boxes(buf, labels, zoom);
      for (let i = 0; i < b.length; i++)
        for (let j = i + 1; j < b.length; j++) {
          const overlap = b[i]!.x0 < b[j]!.x1 && b[i]!.x1 > b[j]!.x0 && b[i]!.y0 < b[j]!.y1 && b[i]!.y1 > b[j]!.y0;
          expect(overlap, `${labels[i]!.text} overprints ${labels[j]!.text} at zoom ${zoom}`).toBe(false);
        }
    }
  });

  it('skips empty slots', () => {
    const buf = units([{ callSign: '', ...station }, { callSign: 'M1', lon: station.lon + 0.01, lat: station.lat }]);
    expect(placeUnitLabels(buf, 14)).toEqual([{ slot: 1, text: 'M1' }]);
  });
});
