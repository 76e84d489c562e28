import type { Reason } from '@/lib/domain/incident';
import type { IncidentState } from './incident-state';
import { CATEGORY_LABEL, LIFE_THREAT } from './situation-rules';

/**
 * What the score means. P1 (score ≥ 50, lib/domain/priority-band.ts) is for a threat to life in progress only:
 * a recent report of gunshots, violence, a panic alarm or a working fire ("life" reason) before units are on scene.
 * Everything else is held below P1 by an explicit "cap" reason. Scores step down as a situation goes quiet ("age")
 * and once units are on scene ("onscene"). Each is a reason with a stable key, so every history row says which one
 * changed.
 */

const MIN = 60_000;
/** A report of a threat to life counts as "in progress" for this long after the newest one. */
export const LIFE_IN_PROGRESS_MS = 20 * MIN;
export const AGE_STEP_MS = 15 * MIN;
export const AGE_STEP_WEIGHT = -5;
export const AGE_MAX_STEPS = 4;
export const ON_SCENE_WEIGHT = -10;
export const LIFE_WEIGHT = 10;
export const P1_SCORE = 50;
export const MIN_SCORE = 5;

interface ReasonSink {
  setReason(inc: IncidentState, r: Reason): void;
  dropReason(inc: IncidentState, key: string): void;
}

function put(sink: ReasonSink, inc: IncidentState, key: string, r: Reason | null): void {
  if (!r) {
    sink.dropReason(inc, key);
    return;
  }
  const cur = inc.reasons.get(key);
  if (cur && cur.text === r.text && cur.weight === r.weight) return;
  sink.setReason(inc, r);
}

export const onScene = (inc: IncidentState) => inc.cadStatus === 'on_scene';

/** Dynamic reasons of an incident at event time `clock`: life threat, on scene, age, and the P1 cap. */
export function assessPriority(sink: ReasonSink, inc: IncidentState, clock: number): void {
  const there = onScene(inc);
  const lifeAgo = inc.lifeAtMs === null ? null : Math.max(0, clock - inc.lifeAtMs);
  const life = !there && lifeAgo !== null && lifeAgo <= LIFE_IN_PROGRESS_MS && LIFE_THREAT.has(inc.category);
  put(sink, inc, 'life', life ? { key: 'life', text: `threat to life in progress: ${CATEGORY_LABEL[inc.category]} reported`, weight: LIFE_WEIGHT } : null);
  // Steps down, never below MIN_SCORE: a quiet situation sinks in the queue but stays a situation.
  let room = -MIN_SCORE;
  for (const [k, r] of inc.reasons) if (k !== 'cap' && k !== 'age' && k !== 'onscene') room += r.weight;
  const sceneW = there ? -Math.min(-ON_SCENE_WEIGHT, Math.max(0, room)) : 0;
  put(sink, inc, 'onscene', there ? { key: 'onscene', text: 'units on scene', weight: sceneW } : null);
  const steps = Math.min(AGE_MAX_STEPS, Math.floor(Math.max(0, clock - inc.lastEventAtMs) / AGE_STEP_MS));
  const ageW = -Math.min(-steps * AGE_STEP_WEIGHT, Math.max(0, room + sceneW));
  put(sink, inc, 'age', steps > 0 ? { key: 'age', text: `quiet for ${steps * AGE_STEP_MS / MIN}${steps === AGE_MAX_STEPS ? '+' : ''} min`, weight: ageW } : null);
  let sum = 0;
  for (const [k, r] of inc.reasons) if (k !== 'cap') sum += r.weight;
  const capped = !life && sum >= P1_SCORE;
  put(sink, inc, 'cap', capped ? { key: 'cap', text: 'no threat to life in progress: held below P1', weight: P1_SCORE - 1 - sum } : null);
}
