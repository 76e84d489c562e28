/** The part of a deck.gl Layer this needs (tests pass plain objects). */
export interface Cloneable<T> {
  clone(props: object): T;
}

/**
 * deck.gl finalises a layer that leaves the stack, and asserts when the same instance is handed back later
 * ("finalized layer cannot be reused"): after map rewind → live, or a layer toggled off and on, units and the
 * other kept layers threw in TextLayer and stayed gone. This hands deck.gl a fresh clone of any instance it has
 * dropped since, and the same instance while it still holds it (so unchanged layers are not re-diffed).
 */
export function createLayerReuse<T extends Cloneable<T>>(): (layers: readonly T[]) => T[] {
  const current = new WeakMap<T, T>();
  let shown = new Set<T>();
  return (layers) => {
    const next = layers.map((layer) => {
      const held = current.get(layer);
      if (held && shown.has(held)) return held;
      const inst = held ? layer.clone({}) : layer;
      current.set(layer, inst);
      return inst;
    });
    shown = new Set(next);
    return next;
  };
}
