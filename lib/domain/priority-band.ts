/**
 * Operators triage by priority band, not by raw score. The bands follow the correlator's weights
 * (lib/correlate/reasons.ts): a source's priority-1 event alone scores 50, so it lands in P1; a priority-2
 * (40) in P2; a priority-3 (25) or unknown (20) in P3; corroboration (calls, units, shots nearby) lifts a band.
 * The queue (components/queue/priority.ts) and the dashboard (lib/dashboard) use the same bands.
 */
export type PriorityBand = 1 | 2 | 3 | 4;
export const PRIORITY_BANDS: readonly PriorityBand[] = [1, 2, 3, 4];

export function priorityBand(score: number): PriorityBand {
  if (score >= 50) return 1;
  if (score >= 35) return 2;
  if (score >= 20) return 3;
  return 4;
}
