import { unitAt, type UnitPlan } from './unit-plan';

export interface AvlPosition {
  unitId: string;
  lat: number;
  lon: number;
  timestamp: string;
  speedKmh: number;
  heading?: number;
  status: string;
  unitType?: string;
}

/**
 * What the demo's vehicles report at one moment, like their modems would: every unit once at the start, then a
 * unit that is moving at every call, and any unit whose status changed. Costs the same at any replay speed: one
 * fix per moving unit per call (every 2 s of wall time), however many recorded minutes pass in between.
 */
export class UnitFeed {
  private readonly last = new Map<string, string>();

  constructor(private readonly plans: UnitPlan[]) {}

  get units(): number {
    return this.plans.length;
  }

  /** Fixes at recording time `t` (lap-free), stamped `now`. */
  fixes(t: number, now: Date): AvlPosition[] {
    const out: AvlPosition[] = [];
    const timestamp = now.toISOString();
    for (const plan of this.plans) {
      const s = unitAt(plan, t);
      const key = `${s.status}@${s.at[0].toFixed(5)},${s.at[1].toFixed(5)}`;
      if (this.last.get(plan.unitId) === key) continue;
      this.last.set(plan.unitId, key);
      out.push({
        unitId: plan.unitId,
        lat: Number(s.at[0].toFixed(6)),
        lon: Number(s.at[1].toFixed(6)),
        timestamp,
        speedKmh: s.speedKmh,
        ...(s.heading !== null ? { heading: s.heading } : {}),
        status: s.status,
        ...(plan.unitType ? { unitType: plan.unitType.slice(0, 50) } : {}),
      });
    }
    return out;
  }
}
