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
  /** Numbers held per batch, oldest first (`at`, the engine's watermark, never decreases). */
  private readonly batches: { at: number; keys: string[] }[] = [];
  private head = 0;

  get(numberKey: string): IncidentState | undefined {
    return this.byNumber.get(numberKey)?.inc;
  }

  /** Hold these (closed or merged by the watermark `at`) and let go of those held more than `horizonMs` before it. */
  hold(ended: [string, IncidentState][], at: number, horizonMs: number): void {
    if (ended.length) {
      for (const [k, inc] of ended) this.byNumber.set(k, { inc, at });
      this.batches.push({ at, keys: ended.map(([k]) => k) });
    }
    while (this.head < this.batches.length && at - this.batches[this.head]!.at > horizonMs) {
      const old = this.batches[this.head++]!;
      for (const k of old.keys) if (this.byNumber.get(k)?.at === old.at) this.byNumber.delete(k);
    }
    if (this.head > 1024 && this.head * 2 > this.batches.length) {
      this.batches.splice(0, this.head);
      this.head = 0;
    }
  }

  release(id: string): void {
    for (const [k, held] of this.byNumber) if (held.inc.id === id) this.byNumber.delete(k);
  }
}
