import { describe, expect, it } from 'vitest';
import { createLayerReuse } from '@/components/map/layer-reuse';

class FakeLayer {
  static made = 0;
  constructor(readonly id: string, readonly generation = 0) {
    FakeLayer.made++;
  }
  clone(): FakeLayer {
    return new FakeLayer(this.id, this.generation + 1);
  }
}

describe('layer reuse across map modes', () => {
  it('hands back the instance deck.gl holds, and a fresh clone of one it dropped (rewind → live)', () => {
    const reuse = createLayerReuse<FakeLayer>();
    const units = new FakeLayer('units');
    const cams = new FakeLayer('cameras');
    const rewind = new FakeLayer('rewind');
    expect(reuse([cams, units])).toEqual([cams, units]);
    expect(reuse([cams, units])[1]).toBe(units);
    // Rewind: units leave the stack (deck.gl finalises them).
    expect(reuse([cams, rewind])).toEqual([cams, rewind]);
    // Live again with the same objects: units come back as a new instance, cameras (never dropped) as they were.
    const [c, u] = reuse([cams, units]);
    expect(c).toBe(cams);
    expect(u).not.toBe(units);
    expect(u!.id).toBe('units');
    // And that clone is kept while it stays.
    expect(reuse([cams, units])[1]).toBe(u);
  });
});
