import type { EventInput } from '@/lib/domain/event';

/**
 * Loops a recorded period of events forever on a virtual clock. Lap k shifts times by k periods and gives the
 * events new external ids, so each lap is new data while a restart within a lap repeats nothing (idempotent ids).
 */
export class ReplaySchedule {
  private readonly times: number[];
  readonly start: number;
  readonly period: number;
  private index = 0;
  private lap = 0;

  /**
   * `origin` (default: the first event) and `periodMs` let several feeds share one clock: laps of every feed
   * then begin at the same instant, so derived feeds stay in step with the recording they come from.
   */
  constructor(private readonly events: EventInput[], periodMs?: number, origin?: number) {
    if (events.length === 0) throw new Error('nothing to replay');
    this.events = [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    this.times = this.events.map((e) => Date.parse(e.occurredAt));
    this.start = Math.min(origin ?? Infinity, this.times[0]!);
    const span = this.times[this.times.length - 1]! - this.start;
    this.period = periodMs ?? Math.ceil((span + 60_000) / 86_400_000) * 86_400_000;
  }

  /** Position the schedule at virtual time `t` (the next event returned is the first at or after t). */
  seek(t: number): void {
    this.lap = Math.max(0, Math.floor((t - this.start) / this.period));
    const within = t - this.lap * this.period;
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! < within) lo = mid + 1;
      else hi = mid;
    }
    this.index = lo;
    if (this.index >= this.times.length) {
      this.index = 0;
      this.lap += 1;
    }
  }

  /** Virtual time of the next event. */
  nextTime(): number {
    return this.times[this.index]! + this.lap * this.period;
  }

  /** Take every event due at or before virtual time `t`, at most `max`, shifted to its lap. */
  take(t: number, max: number): EventInput[] {
    const out: EventInput[] = [];
    while (out.length < max && this.nextTime() <= t) {
      const e = this.events[this.index]!;
      out.push(
        this.lap === 0
          ? e
          : {
              ...e,
              externalId: `${e.externalId}~lap${this.lap}`,
              occurredAt: new Date(this.times[this.index]! + this.lap * this.period).toISOString(),
            },
      );
      this.index += 1;
      if (this.index >= this.events.length) {
        this.index = 0;
        this.lap += 1;
      }
    }
    return out;
  }
}
