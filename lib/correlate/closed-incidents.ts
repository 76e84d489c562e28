import { DueHeap } from './due-heap';
import type { IncidentState } from './incident-state';

/**
 * Incidents the correlator closed or merged, held by number for the live window (event time, lateness included). A
 * late CAD row of a closed call finds its incident here. SF Fire rows come newest first within a day, so most calls
 * close by the clock before the rows of their first units arrive; before, every page with such a row reloaded the
 * incident from PostgreSQL (four queries in the correlator's read). An operator's change to one releases it: the
 * stored incident is loaded again, as for one closed before a restart.
 */
export class ClosedIncidents {
  private readonly byNumber = new Map<string, { inc: IncidentState; at: number }>();
  private readonly keyOf = new Map<string, string>();
  private readonly since = new DueHeap();

  get(numberKey: string): IncidentState | undefined {
    return this.byNumber.get(numberKey)?.inc;
  }

  holds(id: string): boolean {
    return this.keyOf.has(id);
  }

  /** Hold these (closed or merged at event time `at`) and let go of those closed more than `horizonMs` before it. */
  hold(incs: Iterable<[string, IncidentState]>, at: number, horizonMs: number): void {
    for (const [k, inc] of incs) {
      const prev = this.byNumber.get(k);
      if (prev && prev.inc.id !== inc.id) this.keyOf.delete(prev.inc.id);
      this.byNumber.set(k, { inc, at });
      this.keyOf.set(inc.id, k);
      this.since.push(at, k);
    }
    while (at - this.since.next > horizonMs) {
      const { due, id: k } = this.since.popDue(this.since.next)!;
      const held = this.byNumber.get(k);
      if (!held || held.at !== due) continue;
      this.byNumber.delete(k);
      this.keyOf.delete(held.inc.id);
    }
  }

  release(id: string): void {
    const k = this.keyOf.get(id);
    if (k === undefined) return;
    this.keyOf.delete(id);
    this.byNumber.delete(k);
  }
}
