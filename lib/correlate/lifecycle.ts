import type { Engine } from './engine';
import { DEFAULT_QUIET_MS } from './engine-types';
import { CAD_STAGES, isoMs, type CadStage, type CorrEvent, type IncidentState, type Origin } from './incident-state';
import { AGE_MAX_STEPS, AGE_STEP_MS, LIFE_IN_PROGRESS_MS, assessPriority } from './priority';

/**
 * Lifecycle that follows the field: CAD stages from CAD records (the JSON lifecycle's `status`, or SF Fire's
 * dispatch / on-scene / available times), the CAD close, stale closing of situations without a CAD close, and the
 * score's steps with age. Runs on the correlator's clock (event time), so a replay closes what the field closed.
 */

const STAGE_LABEL: Record<CadStage, string> = { received: 'received', dispatched: 'dispatched', en_route: 'en route', on_scene: 'on scene', cleared: 'cleared' };

const earliest = (times: Partial<Record<CadStage, number>>, stage: CadStage, t: number | null) => {
  if (t === null) return;
  const cur = times[stage];
  if (cur === undefined || t < cur) times[stage] = t;
};

/** Fold one CAD record's times into its incident. SF rows: one per unit, so cleared = the last unit available. */
export function noteCadTimes(inc: IncidentState, ev: CorrEvent): void {
  const p = ev.payload;
  const times = inc.cadTimes;
  earliest(times, 'received', isoMs(p.receivedAt) ?? ev.occurredAtMs);
  if (typeof p.status === 'string' && (CAD_STAGES as readonly string[]).includes(p.status)) earliest(times, p.status as CadStage, ev.occurredAtMs);
  earliest(times, 'dispatched', isoMs(p.dispatchAt));
  earliest(times, 'on_scene', isoMs(p.onSceneAt));
  const available = isoMs(p.availableAt);
  if (available !== null && p.status === undefined) {
    // Every unit row carries its own "available" time: the call is over when the last of them is.
    inc.cadTimes.cleared = Math.max(times.cleared ?? 0, available);
  }
}

/** The CAD stage at `clock`: the furthest stage reached by then. */
export function cadStageAt(inc: IncidentState, clock: number): CadStage | null {
  let stage: CadStage | null = null;
  for (const s of CAD_STAGES) {
    const t = inc.cadTimes[s];
    if (t !== undefined && t <= clock) stage = s;
  }
  return stage;
}

/** Bring an incident's CAD status to `clock`, with a history note when it moves. */
export function updateCadStatus(engine: Engine, inc: IncidentState, clock: number): void {
  const stage = cadStageAt(inc, clock);
  if (stage === inc.cadStatus || stage === null) return;
  engine.touch(inc, `CAD status: ${STAGE_LABEL[stage]}`);
  inc.cadStatus = stage;
}

/** The next event time at which something changes for it by the clock alone: a CAD stage, a score step, stale. */
export function nextDueAt(engine: Engine, inc: IncidentState, clock: number): number {
  let due = inc.lastEventAtMs + engine.config.quietMs[inc.origin];
  for (const s of CAD_STAGES) {
    const t = inc.cadTimes[s];
    if (t !== undefined && t > clock && t < due) due = t;
  }
  if (inc.lifeAtMs !== null && inc.lifeAtMs + LIFE_IN_PROGRESS_MS > clock) due = Math.min(due, inc.lifeAtMs + LIFE_IN_PROGRESS_MS + 1);
  const steps = Math.floor(Math.max(0, clock - inc.lastEventAtMs) / AGE_STEP_MS);
  if (steps < AGE_MAX_STEPS) due = Math.min(due, inc.lastEventAtMs + (steps + 1) * AGE_STEP_MS);
  return Math.max(due, clock + 1);
}

/** (Re)schedule an active incident's next look (after every change; old heap entries are skipped). */
export function schedule(engine: Engine, inc: IncidentState, clock: number): void {
  const due = nextDueAt(engine, inc, clock);
  if (due === inc.dueAtMs) return;
  inc.dueAtMs = due;
  engine.due.push(due, inc.id);
}

/**
 * Within a batch, after an event changed an incident: bring its next look forward when the change made it sooner
 * (a CAD row saying the incident clears before the batch ends). drain() reschedules every changed incident anyway;
 * without this a report right after the clear time joined the cleared incident or a new one depending on where the
 * batch boundaries fell.
 */
export function scheduleSooner(engine: Engine, inc: IncidentState, clock: number): void {
  const due = nextDueAt(engine, inc, clock);
  if (due >= inc.dueAtMs) return;
  inc.dueAtMs = due;
  engine.due.push(due, inc.id);
}

/**
 * Once per minute of event time, for the incidents with something due: CAD stages reached, CAD closes, stale
 * closes, score steps (a min-heap of due times: a replay at 20,000 events/s must not walk every open incident).
 */
export function sweep(engine: Engine, clock: number): void {
  const prev = engine.nowMs;
  engine.nowMs = clock;
  for (let d = engine.due.popDue(clock); d; d = engine.due.popDue(clock)) {
    const inc = engine.active.get(d.id);
    if (!inc || inc.dueAtMs !== d.due) continue;
    inc.dueAtMs = Infinity;
    if (inc.origin === 'cad' || Object.keys(inc.cadTimes).length) updateCadStatus(engine, inc, clock);
    if (inc.cadStatus === 'cleared') {
      engine.close(inc, `closed: CAD incident ${inc.number} cleared`, 'cad', inc.cadTimes.cleared ?? clock);
      continue;
    }
    const quiet = engine.config.quietMs[inc.origin];
    if (clock - inc.lastEventAtMs > quiet) {
      engine.close(inc, `closed: stale, no new report for ${Math.round(quiet / 60_000)} min`, 'stale', clock);
      continue;
    }
    assessPriority(engine, inc, clock);
    schedule(engine, inc, clock);
  }
  // Reopen candidates while their events can still be joined (the live window, late events included).
  // Oldest close first; an entry whose incident reopened (and maybe closed again later) since is only dropped.
  const horizon = engine.maxWindowMs + engine.config.allowedLatenessMs;
  while (clock - engine.staleSince.next > horizon) {
    const { id } = engine.staleSince.popDue(engine.staleSince.next)!;
    const inc = engine.stale.get(id);
    if (inc && clock - (inc.closedAtMs ?? clock) > horizon) engine.stale.delete(id);
  }
  engine.nowMs = prev;
}

/** The same sweep when no event has come for a while (the correlator's poll calls it with the advanced clock). */
export function idleSweep(engine: Engine, clock: number): void {
  if (engine.dueSweep(clock)) sweep(engine, clock);
}

/** SITUATION_QUIET_MINUTES (`gunshot:60,call911:120`) over the defaults. */
export function quietPeriods(spec: string): Record<Origin, number> {
  const out = { ...DEFAULT_QUIET_MS };
  for (const part of spec.split(',')) {
    const m = /^\s*(\w+)\s*:\s*(\d+)\s*$/.exec(part);
    if (m && m[1]! in out) out[m[1] as Origin] = Number(m[2]) * 60_000;
  }
  return out;
}
