import { z } from 'zod';
import { ZEventKind } from './event';
import { ZGeofenceKind } from './geofence';
import { ZRole } from './roles';

/** A comparable value in a rule condition. */
const ZScalar = z.union([z.string().max(200), z.number().finite(), z.boolean()]);

/**
 * One attribute test. `field` is `typeCode`, `priority`, `title`, `address` or `payload.<key>` (one level,
 * e.g. `payload.rounds`). A missing field never matches (except `neq`).
 */
export const ZCondition = z.strictObject({
  field: z.string().regex(/^(typeCode|priority|title|address|payload\.[A-Za-z0-9_]{1,100})$/, 'typeCode, priority, title, address or payload.<key>'),
  op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'contains']),
  value: z.union([ZScalar, z.array(ZScalar).min(1).max(100)]),
});
export type Condition = z.infer<typeof ZCondition>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');

/** Local time window; `from` > `to` wraps midnight (22:00–06:00). */
export const ZTimeOfDay = z.strictObject({
  from: HHMM,
  to: HHMM,
  timeZone: z.string().min(1).max(100).default('America/Los_Angeles'),
});

/**
 * `inside`: the event's point is inside the geofence. `enter`/`leave`: a unit (AVL) crossed its boundary.
 * Name a geofence by id, or any geofence of a kind.
 */
export const ZGeofenceCondition = z
  .strictObject({
    id: z.uuid().optional(),
    kind: ZGeofenceKind.optional(),
    relation: z.enum(['inside', 'enter', 'leave']).default('inside'),
  })
  .refine((g) => g.id !== undefined || g.kind !== undefined, 'give a geofence id or kind');

export const ZPremise = z.strictObject({
  kind: ZEventKind,
  conditions: z.array(ZCondition).max(20).default([]),
  geofence: ZGeofenceCondition.optional(),
  timeOfDay: ZTimeOfDay.optional(),
});
export type Premise = z.infer<typeof ZPremise>;

export const ZAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('raise_priority'), by: z.number().int().min(1).max(100) }),
  z.strictObject({ type: z.literal('open_alert'), title: z.string().trim().min(1).max(200) }),
  z.strictObject({ type: z.literal('attach_cameras'), count: z.number().int().min(1).max(16).default(4) }),
  z.strictObject({ type: z.literal('notify'), role: ZRole.optional(), message: z.string().trim().min(1).max(300) }),
  z.strictObject({ type: z.literal('wall_preset'), preset: z.string().trim().min(1).max(100) }),
  /** Slew-to-cue: when the matched report's situation is P1 for the first time, the nearest PTZ camera in range turns to it. */
  z.strictObject({ type: z.literal('slew_to_cue') }),
]);
export type Action = z.infer<typeof ZAction>;

export const ZRuleInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().default(true),
  premise: ZPremise,
  actions: z.array(ZAction).min(1).max(10),
});
export type RuleInput = z.infer<typeof ZRuleInput>;

export const ZRuleDto = ZRuleInput.extend({ id: z.string(), createdAt: z.string(), updatedAt: z.string() });
export type RuleDto = z.infer<typeof ZRuleDto>;

/** Socket message for a rule's `notify` action. */
export interface RuleNotice {
  ruleId: string;
  ruleName: string;
  message: string;
  /** Why the rule fired: the event and geofence fact it matched (rule-engine.ts describeMatch). */
  reason: string;
  role: string | null;
  incidentId: string | null;
  seq: string;
}

/** Socket message for a rule's `wall_preset` action; the video wall decides what a preset shows. */
export interface WallPresetRequest {
  ruleId: string;
  preset: string;
  incidentId: string | null;
  seq: string;
}
