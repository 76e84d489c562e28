import { z } from 'zod';

/** The longest period a dashboard or shift report covers (a month of calls stays a fast query). */
export const MAX_PERIOD_HOURS = 31 * 24;

/** A period: the last `hours`, or `from`–`to` (ISO). `to` defaults to now. */
export const ZPeriodQuery = z
  .strictObject({
    hours: z.coerce.number().int().min(1).max(MAX_PERIOD_HOURS).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !(q.hours && q.from), { message: 'give hours or from, not both', path: ['from'] });
export type PeriodQuery = z.infer<typeof ZPeriodQuery>;

const ZSeconds = z.number().nullable();

export const ZResponseRow = z.object({
  calls: z.number().int(),
  /** Call received → first unit dispatched, seconds. */
  dispatchP50: ZSeconds,
  dispatchP90: ZSeconds,
  /** First unit dispatched → first unit on scene, seconds. */
  onSceneP50: ZSeconds,
  onSceneP90: ZSeconds,
});
export type ResponseRow = z.infer<typeof ZResponseRow>;

export const ZDashboardDto = z.object({
  generatedAt: z.string(),
  from: z.string(),
  to: z.string(),
  open: z.object({
    total: z.number().int(),
    byPriority: z.array(z.number().int()).length(4),
    byDistrict: z.array(z.object({ district: z.string(), byPriority: z.array(z.number().int()).length(4), total: z.number().int() })),
  }),
  calls: z.object({
    /** One per hour of the period, from its start. */
    hours: z.array(z.object({ at: z.string(), count: z.number().int(), lastWeek: z.number().int() })),
    total: z.number().int(),
    lastWeekTotal: z.number().int(),
  }),
  response: z.object({
    byPriority: z.array(ZResponseRow.extend({ priority: z.number().int() })),
    byDistrict: z.array(ZResponseRow.extend({ district: z.string() })),
    overall: ZResponseRow,
  }),
  units: z.object({
    available: z.number().int(),
    committed: z.number().int(),
    outOfService: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
  }),
  cameras: z.object({ total: z.number().int(), online: z.number().int(), offline: z.number().int(), unknown: z.number().int(), onlinePct: z.number().nullable() }),
  sources: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      enabled: z.boolean(),
      lastEventAt: z.string().nullable(),
      eventsLastHour: z.number().int(),
      lagP50Ms: z.number().nullable(),
      accepted: z.number().int(),
      rejected: z.number().int(),
      errorRate: z.number().nullable(),
    }),
  ),
});
export type DashboardDto = z.infer<typeof ZDashboardDto>;

export const DRILL_CHARTS = ['open', 'calls', 'response', 'units', 'cameras'] as const;
export const UNIT_GROUPS = ['available', 'committed', 'out_of_service'] as const;
export type UnitGroup = (typeof UNIT_GROUPS)[number];

export const ZDrillQuery = z.strictObject({
  chart: z.enum(DRILL_CHARTS),
  priority: z.coerce.number().int().min(1).max(4).optional(),
  district: z.string().trim().min(1).max(100).optional(),
  /** calls: the hour bucket's start (ISO). */
  hour: z.iso.datetime({ offset: true }).optional(),
  /** units: the status group; cameras: the camera status. */
  status: z.string().trim().min(1).max(40).optional(),
  hours: z.coerce.number().int().min(1).max(MAX_PERIOD_HOURS).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type DrillQuery = z.infer<typeof ZDrillQuery>;

export const ZDrillItem = z.object({
  id: z.string(),
  label: z.string(),
  detail: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  /** The incident behind it, when there is one: the drill-down's way into the workspace. */
  incidentId: z.string().nullable(),
  at: z.string().nullable(),
  priority: z.number().int().nullable(),
});
export type DrillItem = z.infer<typeof ZDrillItem>;
export const ZDrillDto = z.object({ title: z.string(), items: z.array(ZDrillItem), truncated: z.boolean() });
export type DrillDto = z.infer<typeof ZDrillDto>;
