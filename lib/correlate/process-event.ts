import type { Action } from '@/lib/domain/rule';
import type { Engine } from './engine';
import { located, str, type CorrEvent, type IncidentState } from './incident-state';
import { onCad, onCall911, onGunshot, onSensor } from './formation';
import { onHotlistHit, onLprRead } from './formation-lpr';
import { scheduleSooner, sweep } from './lifecycle';
import { reasonText } from './reasons';
import { NO_CROSSINGS, type Crossings } from './unit-index';
import { describeMatch, matchPremise, needsGeofences, type RuleFacts } from './rule-engine';

export const HOTLIST_TYPE = 'lpr_hotlist_hit';

/** Unit positions: move the unit in the index; the geofences it entered or left with this fix are rule facts. */
function unitCrossings(engine: Engine, ev: CorrEvent): Crossings {
  const unit = str(ev.payload.callSign) ?? str(ev.payload.unitId) ?? str(ev.payload.deviceId);
  if (!unit || !located(ev)) return NO_CROSSINGS;
  return engine.units.move(ev.agencyId, unit, ev, str(ev.payload.status), engine.geofences);
}

/** Fold one committed event into the engine: incident formation by kind, then the agency's rules. */
export function processEvent(engine: Engine, ev: CorrEvent): void {
  engine.advance(ev);
  if (engine.dueSweep(engine.watermark)) sweep(engine, engine.watermark);
  let inc: IncidentState | null = null;
  let crossings = NO_CROSSINGS;
  switch (ev.kind) {
    case 'cad': inc = onCad(engine, ev); break;
    case 'call911': inc = onCall911(engine, ev); break;
    case 'gunshot': inc = onGunshot(engine, ev); break;
    case 'alert': if (ev.typeCode === HOTLIST_TYPE) inc = onHotlistHit(engine, ev); break;
    case 'lpr': inc = onLprRead(engine, ev); break;
    case 'sensor': inc = onSensor(engine, ev); break;
    case 'avl': crossings = unitCrossings(engine, ev); break;
    default: break;
  }
  if (inc && engine.active.get(inc.id) === inc) scheduleSooner(engine, inc, engine.watermark);
  applyRules(engine, ev, inc, crossings);
}

const ACTION_ORDER: Record<Action['type'], number> = { open_alert: 0, raise_priority: 1, attach_cameras: 2, notify: 3, wall_preset: 4, slew_to_cue: 5 };

function applyRules(engine: Engine, ev: CorrEvent, inc: IncidentState | null, crossings: Crossings): void {
  const rules = engine.rules.get(ev.agencyId);
  if (!rules?.length) return;
  const candidates = rules.filter((r) => r.premise.kind === ev.kind);
  if (!candidates.length) return;
  const facts: RuleFacts = {
    kind: ev.kind,
    typeCode: ev.typeCode,
    priority: ev.priority,
    title: ev.title,
    address: ev.address,
    payload: ev.payload,
    occurredAtMs: ev.occurredAtMs,
    inside: needsGeofences(candidates, ev.kind) && located(ev) ? engine.geofences.near(ev.agencyId, ev, 0).map((n) => n.fence) : [],
    ...crossings,
  };
  for (const rule of candidates) {
    if (!matchPremise(rule.premise, facts)) continue;
    const actions = [...rule.actions].sort((a, b) => ACTION_ORDER[a.type] - ACTION_ORDER[b.type]);
    for (const action of actions) {
      switch (action.type) {
        case 'open_alert':
          if (inc) engine.setReason(inc, reasonText.alert(rule.id, action.title));
          else {
            inc = engine.create(ev, { number: `RULE-${ev.seq}`, origin: 'rule', typeCode: ev.typeCode, title: action.title }, `opened by rule “${rule.name}”`);
            engine.setBase(inc, ev, action.title);
          }
          break;
        case 'raise_priority':
          if (inc) engine.setReason(inc, reasonText.rule(rule.id, rule.name, action.by));
          break;
        case 'attach_cameras':
          if (inc) engine.attachCameras(inc, action.count);
          break;
        case 'notify':
          engine.push({ type: 'notice', agencyId: ev.agencyId, ruleId: rule.id, ruleName: rule.name, message: action.message, reason: describeMatch(rule.premise, facts), role: action.role ?? null, incidentId: inc?.id ?? null, seq: ev.seq });
          break;
        case 'wall_preset':
          engine.push({ type: 'preset', agencyId: ev.agencyId, ruleId: rule.id, preset: action.preset, incidentId: inc?.id ?? null, seq: ev.seq });
          break;
        case 'slew_to_cue':
          // Whether the situation is P1 is known once the batch has scored it: lib/ptz/apply-slew-to-cue.ts decides.
          if (inc) engine.push({ type: 'slew', agencyId: ev.agencyId, ruleId: rule.id, incidentId: inc.id, seq: ev.seq });
          break;
      }
    }
  }
}
