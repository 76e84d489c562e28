/** Linear-interpolated percentile (PostgreSQL's percentile_cont) of unsorted values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}

const round = (v: number | null) => (v === null ? null : Math.round(v));

/** p50/p90 of the two intervals of a group of calls, in whole seconds. */
export function responseRow(dispatch: readonly number[], onScene: readonly number[], calls: number) {
  return {
    calls,
    dispatchP50: round(percentile(dispatch, 50)),
    dispatchP90: round(percentile(dispatch, 90)),
    onSceneP50: round(percentile(onScene, 50)),
    onSceneP90: round(percentile(onScene, 90)),
  };
}
