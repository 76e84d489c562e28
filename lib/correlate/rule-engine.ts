import { KIND_LABEL, type EventKind } from '@/lib/domain/event';
import type { Action, Condition, Premise } from '@/lib/domain/rule';
import type { GeofenceGeo } from './geofences';

export interface CompiledRule {
  id: string;
  agencyId: string;
  name: string;
  premise: Premise;
  actions: Action[];
}

/** What a rule may look at for one committed event. */
export interface RuleFacts {
  kind: EventKind;
  typeCode: string;
  priority: number | null;
  title: string | null;
  address: string | null;
  payload: Record<string, unknown>;
  occurredAtMs: number;
  /** Geofences containing the event's point. */
  inside: GeofenceGeo[];
  /** For unit positions: geofences the unit has just entered / left. */
  entered: GeofenceGeo[];
  left: GeofenceGeo[];
}

function fieldValue(field: string, f: RuleFacts): unknown {
  if (field.startsWith('payload.')) return f.payload[field.slice(8)];
  switch (field) {
    case 'typeCode': return f.typeCode;
    case 'priority': return f.priority;
    case 'title': return f.title;
    case 'address': return f.address;
    default: return undefined;
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const same = (a: unknown, b: unknown) => a === b || (num(a) !== null && num(a) === num(b)) || (typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase());

export function matchCondition(c: Condition, f: RuleFacts): boolean {
  const v = fieldValue(c.field, f);
  if (v === undefined || v === null) return c.op === 'neq';
  const want = c.value;
  switch (c.op) {
    case 'eq': return same(v, want);
    case 'neq': return !same(v, want);
    case 'in': return Array.isArray(want) ? want.some((w) => same(v, w)) : same(v, want);
    case 'contains': return typeof v === 'string' && typeof want === 'string' && v.toLowerCase().includes(want.toLowerCase());
    default: {
      const a = num(v);
      const b = num(want);
      if (a === null || b === null) return false;
      return c.op === 'gt' ? a > b : c.op === 'gte' ? a >= b : c.op === 'lt' ? a < b : a <= b;
    }
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes since local midnight in `timeZone`. */
export function localMinutes(ms: number, timeZone: string): number {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, fmt);
  }
  const [h, m] = fmt.format(new Date(ms)).split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function inTimeWindow(ms: number, w: { from: string; to: string; timeZone: string }): boolean {
  const t = localMinutes(ms, w.timeZone);
  const from = minutes(w.from);
  const to = minutes(w.to);
  return from <= to ? t >= from && t < to : t >= from || t < to;
}

function geofenceMatches(g: NonNullable<Premise['geofence']>, fences: GeofenceGeo[]): boolean {
  return fences.some((f) => (g.id === undefined || f.id === g.id) && (g.kind === undefined || f.kind === g.kind));
}

/** Cheapest tests first: kind, attributes, geofence, then the time-zone conversion. */
export function matchPremise(p: Premise, f: RuleFacts): boolean {
  if (p.kind !== f.kind) return false;
  for (const c of p.conditions) if (!matchCondition(c, f)) return false;
  if (p.geofence) {
    const fences = p.geofence.relation === 'enter' ? f.entered : p.geofence.relation === 'leave' ? f.left : f.inside;
    if (!geofenceMatches(p.geofence, fences)) return false;
  }
  if (p.timeOfDay && !inTimeWindow(f.occurredAtMs, p.timeOfDay)) return false;
  return true;
}

/** Whether any rule could need geofence facts for this kind (saves the polygon tests when none does). */
export function needsGeofences(rules: CompiledRule[], kind: EventKind): boolean {
  return rules.some((r) => r.premise.kind === kind && r.premise.geofence !== undefined);
}

const RELATION_TEXT = { inside: 'inside', enter: 'entered', leave: 'left' } as const;

/**
 * Why a rule fired, for the operator: the event it matched and, when the premise names a geofence, the geofence
 * fact ("Unit GPS E12 entered hospital “SF General”"). Attribute conditions are the rule's own text, not repeated.
 */
export function describeMatch(p: Premise, f: RuleFacts): string {
  const what = `${KIND_LABEL[f.kind]} ${f.title ?? f.typeCode}`;
  if (!p.geofence) return f.address ? `${what} at ${f.address}` : what;
  const relation = p.geofence.relation;
  const fences = relation === 'enter' ? f.entered : relation === 'leave' ? f.left : f.inside;
  const fence = fences.find((x) => (p.geofence!.id === undefined || x.id === p.geofence!.id) && (p.geofence!.kind === undefined || x.kind === p.geofence!.kind));
  return fence ? `${what} ${RELATION_TEXT[relation]} ${fence.kind} “${fence.name}”` : what;
}
