import { z } from 'zod';

/** Lifecycle of an incident. `merged` means it was folded into another incident (see its history). */
export const INCIDENT_STATUSES = ['open', 'acknowledged', 'assigned', 'escalated', 'closed', 'merged'] as const;
export const ZIncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof ZIncidentStatus>;

/** Statuses the correlator still attaches new events to. */
export const ACTIVE_STATUSES: readonly IncidentStatus[] = ['open', 'acknowledged', 'assigned', 'escalated'];

/**
 * One human-readable reason behind an incident's score. `key` is stable (e.g. `shots:16146990`) so a history
 * entry can say which reason changed; `weight` is its share of the score. Reasons are kept ordered by weight.
 */
export const ZReason = z.strictObject({
  key: z.string().min(1).max(200),
  text: z.string().min(1).max(300),
  weight: z.number().int(),
});
export type Reason = z.infer<typeof ZReason>;

/** What browsers receive for an incident (socket `incidents` message and REST). `lastSeq` is a decimal string. */
export const ZIncidentDto = z.object({
  id: z.string(),
  number: z.string(),
  status: ZIncidentStatus,
  typeCode: z.string(),
  title: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  address: z.string().nullable(),
  score: z.number().int(),
  reasons: z.array(ZReason),
  openedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  lastSeq: z.string(),
  /** The owning agency: a partner agency's incidents reach the console over an agency share (queue filter). */
  agencyId: z.string().optional(),
  /** CAD status of its CAD incident (received, dispatched, en_route, on_scene, cleared); null without CAD. */
  cadStatus: z.string().nullable().optional(),
  /** Who closed it: cad, stale (no new report for the quiet period; reopens if one joins) or operator. */
  closedBy: z.string().nullable().optional(),
  /** The incident this one was merged into (status `merged`), so an open workspace can lead there. */
  mergedInto: z.string().nullable().optional(),
});
export type IncidentDto = z.infer<typeof ZIncidentDto>;

export const ZIncidentHistoryDto = z.object({
  at: z.string(),
  /** A user id or a system name ('correlator'). */
  actor: z.string(),
  /** Who, as a person reads it: the user's display name, or the system name. */
  actorName: z.string(),
  change: z.string(),
  score: z.number().int(),
  reasons: z.array(ZReason),
});
export type IncidentHistoryDto = z.infer<typeof ZIncidentHistoryDto>;

/** GET /api/incidents/[id]: the incident with what is linked to it. */
export const ZIncidentDetailDto = z.object({
  incident: ZIncidentDto,
  events: z.array(
    z.object({
      seq: z.string(),
      kind: z.string(),
      typeCode: z.string(),
      occurredAt: z.string(),
      lat: z.number().nullable(),
      lon: z.number().nullable(),
      title: z.string().nullable(),
      reason: z.string(),
    }),
  ),
  cameras: z.array(z.object({ id: z.string(), name: z.string(), rank: z.number().int(), distanceM: z.number() })),
  /** `status`: the unit's status on this incident now (its CAD records, else the assignment or its tracker). */
  units: z.array(z.object({ callSign: z.string(), source: z.string(), linkedAt: z.string(), status: z.string() })),
  nearestUnits: z.array(z.object({ id: z.string(), callSign: z.string(), status: z.string(), distanceM: z.number() })),
  history: z.array(ZIncidentHistoryDto),
});
export type IncidentDetailDto = z.infer<typeof ZIncidentDetailDto>;

/** Body of POST /api/incidents/[id]/assign. */
export const ZAssignBody = z.strictObject({ callSign: z.string().trim().min(1).max(50) });
/** Optional body of escalate/close: a note kept in history. */
export const ZWorkflowNote = z.strictObject({ note: z.string().trim().max(500).optional() });
