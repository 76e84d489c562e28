import type { GeofenceKind } from '@/lib/domain/geofence';
import type { EventKind } from '@/lib/domain/event';
import type { Action, Condition, RuleInput } from '@/lib/domain/rule';

/** A rule as the form edits it: every input's text as typed, turned into the API's shape only on save or preview. */
export interface Draft {
  name: string;
  enabled: boolean;
  kind: EventKind;
  conditions: { field: string; op: Condition['op']; value: string }[];
  geofence: { kind: GeofenceKind | ''; relation: 'inside' | 'enter' | 'leave' } | null;
  timeOfDay: { from: string; to: string; timeZone: string } | null;
  actions: { type: Action['type']; text: string; role: string }[];
}

export const CONDITION_FIELDS = ['typeCode', 'priority', 'title', 'address'] as const;
export const OPS: Condition['op'][] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'contains'];
export const OP_LABEL: Record<Condition['op'], string> = { eq: 'is', neq: 'is not', gt: '>', gte: '≥', lt: '<', lte: '≤', in: 'is one of', contains: 'contains' };

/** What each action's one input means (null: the action takes none). */
export const ACTION_INPUT: Record<Action['type'], { label: string; numeric: boolean; placeholder: string } | null> = {
  raise_priority: { label: 'Raise priority by', numeric: true, placeholder: '20' },
  open_alert: { label: 'Alert title', numeric: false, placeholder: 'Shots near a school' },
  attach_cameras: { label: 'Nearest cameras', numeric: true, placeholder: '4' },
  notify: { label: 'Message', numeric: false, placeholder: 'Check the cameras' },
  wall_preset: { label: 'Wall preset', numeric: false, placeholder: 'shots' },
  slew_to_cue: null,
};
export const ACTION_LABEL: Record<Action['type'], string> = {
  raise_priority: 'Raise the incident’s priority',
  open_alert: 'Open an alert',
  attach_cameras: 'Attach the nearest cameras',
  notify: 'Notify',
  wall_preset: 'Switch the video wall',
  slew_to_cue: 'Turn the nearest PTZ camera to it (P1)',
};

function scalar(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

function valueText(v: Condition['value']): string {
  return Array.isArray(v) ? v.map(String).join(', ') : String(v);
}

export function draftOf(rule: Partial<RuleInput> & { premise: RuleInput['premise'] }, zone: string): Draft {
  const p = rule.premise;
  return {
    name: rule.name ?? '',
    enabled: rule.enabled ?? true,
    kind: p.kind,
    conditions: (p.conditions ?? []).map((c) => ({ field: c.field, op: c.op, value: valueText(c.value) })),
    geofence: p.geofence ? { kind: p.geofence.kind ?? '', relation: p.geofence.relation ?? 'inside' } : null,
    timeOfDay: p.timeOfDay ? { from: p.timeOfDay.from, to: p.timeOfDay.to, timeZone: p.timeOfDay.timeZone ?? zone } : null,
    actions: (rule.actions ?? []).map((a) => {
      switch (a.type) {
        case 'raise_priority': return { type: a.type, text: String(a.by), role: '' };
        case 'open_alert': return { type: a.type, text: a.title, role: '' };
        case 'attach_cameras': return { type: a.type, text: String(a.count), role: '' };
        case 'notify': return { type: a.type, text: a.message, role: a.role ?? '' };
        case 'wall_preset': return { type: a.type, text: a.preset, role: '' };
        case 'slew_to_cue': return { type: a.type, text: '', role: '' };
      }
    }),
  };
}

/** The draft as the API takes it (the server's zod names whatever is still wrong, by path). A geofence id kept as is. */
export function bodyOf(d: Draft, keepGeofenceId?: string): unknown {
  const premise: Record<string, unknown> = {
    kind: d.kind,
    conditions: d.conditions.map((c) => ({ field: c.field, op: c.op, value: c.op === 'in' ? c.value.split(',').map(scalar) : scalar(c.value) })),
  };
  if (d.geofence) premise.geofence = { ...(d.geofence.kind ? { kind: d.geofence.kind } : {}), ...(keepGeofenceId ? { id: keepGeofenceId } : {}), relation: d.geofence.relation };
  if (d.timeOfDay) premise.timeOfDay = d.timeOfDay;
  const actions = d.actions.map((a) => {
    const n = Number(a.text);
    switch (a.type) {
      case 'raise_priority': return { type: a.type, by: n };
      case 'open_alert': return { type: a.type, title: a.text };
      case 'attach_cameras': return { type: a.type, count: n };
      case 'notify': return { type: a.type, message: a.text, ...(a.role ? { role: a.role } : {}) };
      case 'wall_preset': return { type: a.type, preset: a.text };
      case 'slew_to_cue': return { type: a.type };
    }
  });
  return { name: d.name, enabled: d.enabled, premise, actions };
}
