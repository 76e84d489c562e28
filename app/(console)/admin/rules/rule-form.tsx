'use client';

import { Button } from '@/components/ui/button';
import { EVENT_KINDS, KIND_LABEL, type EventKind } from '@/lib/domain/event';
import { GEOFENCE_KINDS, type GeofenceKind } from '@/lib/domain/geofence';
import { ROLES } from '@/lib/domain/roles';
import type { Action, Condition } from '@/lib/domain/rule';
import { INPUT, LABEL, LINK_BUTTON, DANGER_BUTTON } from '../_ui/styles';
import { ACTION_INPUT, ACTION_LABEL, CONDITION_FIELDS, OP_LABEL, OPS, type Draft } from './rule-draft';
import { Options } from '@/components/ui/options';

interface Props {
  draft: Draft;
  zone: string;
  onChange: (d: Draft) => void;
}

const ACTION_TYPES = Object.keys(ACTION_LABEL) as Action['type'][];
const ROW = 'flex flex-wrap items-end gap-2';

/** The rule as inputs: premise (kind, conditions, geofence, time of day) and actions, each one row. */
export function RuleForm({ draft: d, zone, onChange }: Props) {
  const set = (patch: Partial<Draft>) => onChange({ ...d, ...patch });
  const setCondition = (i: number, patch: Partial<Draft['conditions'][number]>) => set({ conditions: d.conditions.map((c, k) => (k === i ? { ...c, ...patch } : c)) });
  const setAction = (i: number, patch: Partial<Draft['actions'][number]>) => set({ actions: d.actions.map((a, k) => (k === i ? { ...a, ...patch } : a)) });

  return (
    <div className="flex flex-col gap-4" data-testid="rule-form">
      <div className={ROW}>
        <label className={`${LABEL} min-w-64 flex-1`}>
          Name
          <input className={INPUT} value={d.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Enabled
        </label>
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold">When an event…</legend>
        <label className={`${LABEL} w-56`}>
          Kind
          <select className={INPUT} value={d.kind} onChange={(e) => set({ kind: e.target.value as EventKind })}>
            <Options options={EVENT_KINDS} label={(k) => KIND_LABEL[k]} />
          </select>
        </label>
        {d.conditions.map((c, i) => (
          <div key={i} className={ROW} data-testid="rule-condition">
            <label className={LABEL}>
              Field
              <input className={`${INPUT} w-44`} list="rule-fields" value={c.field} onChange={(e) => setCondition(i, { field: e.target.value })} aria-label={`Condition ${i + 1} field`} />
            </label>
            <label className={LABEL}>
              Test
              <select className={INPUT} value={c.op} onChange={(e) => setCondition(i, { op: e.target.value as Condition['op'] })} aria-label={`Condition ${i + 1} test`}>
                <Options options={OPS} label={(op) => OP_LABEL[op]} />
              </select>
            </label>
            <label className={`${LABEL} min-w-48 flex-1`}>
              Value{c.op === 'in' ? 's (comma-separated)' : ''}
              <input className={INPUT} value={c.value} onChange={(e) => setCondition(i, { value: e.target.value })} aria-label={`Condition ${i + 1} value`} />
            </label>
            <button type="button" className={DANGER_BUTTON} onClick={() => set({ conditions: d.conditions.filter((_, k) => k !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <datalist id="rule-fields">
          {[...CONDITION_FIELDS, 'payload.'].map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <button type="button" className={`${LINK_BUTTON} self-start`} onClick={() => set({ conditions: [...d.conditions, { field: 'typeCode', op: 'eq', value: '' }] })}>
          + Condition
        </button>

        <div className={ROW}>
          <label className={LABEL}>
            Geofence
            <select
              className={INPUT}
              aria-label="Geofence"
              value={d.geofence ? d.geofence.kind || 'any' : ''}
              onChange={(e) => set({ geofence: e.target.value ? { kind: e.target.value === 'any' ? '' : (e.target.value as GeofenceKind), relation: d.geofence?.relation ?? 'inside' } : null })}
            >
              <option value="">anywhere</option>
              <option value="any">any geofence</option>
              <Options options={GEOFENCE_KINDS} label={(k) => `a ${k} geofence`} />
            </select>
          </label>
          {d.geofence && (
            <label className={LABEL}>
              Relation
              <select className={INPUT} value={d.geofence.relation} onChange={(e) => set({ geofence: { ...d.geofence!, relation: e.target.value as 'inside' } })}>
                <option value="inside">inside</option>
                <option value="enter">unit enters</option>
                <option value="leave">unit leaves</option>
              </select>
            </label>
          )}
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" checked={!!d.timeOfDay} onChange={(e) => set({ timeOfDay: e.target.checked ? { from: '22:00', to: '06:00', timeZone: zone } : null })} /> Only between
          </label>
          {d.timeOfDay && (
            <>
              <input className={`${INPUT} w-24`} aria-label="From (HH:MM)" value={d.timeOfDay.from} onChange={(e) => set({ timeOfDay: { ...d.timeOfDay!, from: e.target.value } })} />
              <span className="pb-2 text-sm">and</span>
              <input className={`${INPUT} w-24`} aria-label="To (HH:MM)" value={d.timeOfDay.to} onChange={(e) => set({ timeOfDay: { ...d.timeOfDay!, to: e.target.value } })} />
              <input className={`${INPUT} w-48`} aria-label="Time zone" value={d.timeOfDay.timeZone} onChange={(e) => set({ timeOfDay: { ...d.timeOfDay!, timeZone: e.target.value } })} />
            </>
          )}
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold">…then</legend>
        {d.actions.map((a, i) => (
          <div key={i} className={ROW} data-testid="rule-action">
            <label className={LABEL}>
              Action
              <select className={INPUT} value={a.type} onChange={(e) => setAction(i, { type: e.target.value as Action['type'], text: '' })} aria-label={`Action ${i + 1}`}>
                <Options options={ACTION_TYPES} label={(t) => ACTION_LABEL[t]} />
              </select>
            </label>
            {(() => {
              const input = ACTION_INPUT[a.type];
              return input ? (
                <label className={`${LABEL} min-w-40 flex-1`}>
                  {input.label}
                  <input
                    className={INPUT}
                    inputMode={input.numeric ? 'numeric' : undefined}
                    placeholder={input.placeholder}
                    value={a.text}
                    onChange={(e) => setAction(i, { text: e.target.value })}
                    aria-label={`Action ${i + 1} ${input.label}`}
                  />
                </label>
              ) : null;
            })()}
            {a.type === 'notify' && (
              <label className={LABEL}>
                Role
                <select className={INPUT} value={a.role} onChange={(e) => setAction(i, { role: e.target.value })}>
                  <option value="">everyone</option>
                  <Options options={ROLES.filter((r) => r !== 'wall_device')} />
                </select>
              </label>
            )}
            <button type="button" className={DANGER_BUTTON} onClick={() => set({ actions: d.actions.filter((_, k) => k !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <Button variant="ghost" className="self-start" onClick={() => set({ actions: [...d.actions, { type: 'raise_priority', text: '10', role: '' }] })}>
          + Action
        </Button>
      </fieldset>
    </div>
  );
}
