import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { auditIncidentRead } from '@/lib/audit/record';
import { ZAssignBody, ZIncidentDetailDto, ZIncidentDto, ZWorkflowNote } from '@/lib/domain/incident';
import { can } from '@/lib/policy/route-policy';
import { getIncident } from './get-incident';
import { countIncidents, listIncidents, ZIncidentListQuery } from './list-incidents';
import { mergeIncident, splitIncident, ZMergeBody, ZSplitBody } from './merge-split';
import { transitionIncident, type WorkflowAction } from './transition-incident';

const ZIncidentReply = z.object({ incident: ZIncidentDto });
const ZQueueCounts = z.object({ total: z.number().int(), open: z.number().int(), kinds: z.array(z.string()) });

export const listIncidentsRoute = defineRoute({
  method: 'GET',
  path: '/api/incidents',
  operationId: 'listIncidents',
  summary: 'The queue, one page: incidents of a status, most pressing first, filtered, with counts and the next page\'s cursor',
  policy: can('incident.read'),
  query: ZIncidentListQuery,
  response: { schema: ZQueueCounts.extend({ incidents: z.array(ZIncidentDto), nextCursor: z.string().nullable() }) },
  handle: ({ rt, user, query }) => listIncidents(rt.pool, user, query),
});

export const countIncidentsRoute = defineRoute({
  method: 'GET',
  path: '/api/incidents/count',
  operationId: 'countIncidents',
  summary: "The queue's figures: incidents matching the filters, of the status, and their kinds",
  policy: can('incident.read'),
  query: ZIncidentListQuery.omit({ after: true, limit: true }),
  response: { schema: ZQueueCounts },
  handle: ({ rt, user, query }) => countIncidents(rt.pool, user, query),
});

export const getIncidentRoute = defineRoute({
  method: 'GET',
  path: '/api/incidents/[id]',
  operationId: 'getIncident',
  summary: 'One incident with its events, cameras, units, nearest available units and history (audited read)',
  policy: can('incident.read'),
  response: { schema: ZIncidentDetailDto },
  errors: [404],
  handle: async ({ rt, user, ip, params }) => {
    const detail = await getIncident(rt.pool, user.agencyId, params.id!);
    await auditIncidentRead(rt.pool, { user, ip, incidentId: detail.incident.id });
    return detail;
  },
});

const workflow = (action: Exclude<WorkflowAction, 'assign'>, summary: string) =>
  defineRoute({
    method: 'POST',
    path: `/api/incidents/[id]/${action}`,
    operationId: `${action}Incident`,
    summary,
    policy: can('incident.update'),
    body: ZWorkflowNote,
    bodyOptional: true,
    response: { schema: ZIncidentReply },
    errors: [404, 409],
    handle: async ({ rt, user, params, body }) => ({ incident: await transitionIncident(rt, user, params.id!, action, body) }),
  });

export const acknowledgeIncidentRoute = workflow('acknowledge', 'Acknowledge an incident (who and when kept in its history)');
export const escalateIncidentRoute = workflow('escalate', 'Escalate an incident one priority step, with an optional note');
export const closeIncidentRoute = workflow('close', 'Close an incident, with an optional note');

export const assignIncidentRoute = defineRoute({
  method: 'POST',
  path: '/api/incidents/[id]/assign',
  operationId: 'assignIncident',
  summary: 'Assign a unit (call sign) to an incident',
  policy: can('incident.update'),
  body: ZAssignBody,
  response: { schema: ZIncidentReply },
  errors: [404, 409],
  handle: async ({ rt, user, params, body }) => ({ incident: await transitionIncident(rt, user, params.id!, 'assign', body) }),
});

export const mergeIncidentRoute = defineRoute({
  method: 'POST',
  path: '/api/incidents/[id]/merge',
  operationId: 'mergeIncident',
  summary: 'Merge this incident into another (one situation): audited, final — the correlator never splits it again',
  policy: can('incident.update'),
  body: ZMergeBody,
  response: { schema: ZIncidentReply },
  errors: [404, 409],
  handle: async ({ rt, user, params, body }) => ({ incident: await mergeIncident(rt, user, params.id!, body) }),
});

export const splitIncidentRoute = defineRoute({
  method: 'POST',
  path: '/api/incidents/[id]/split',
  operationId: 'splitIncident',
  summary: 'Move chosen events to a new incident (another situation): audited, final — the correlator never merges the two again',
  policy: can('incident.update'),
  body: ZSplitBody,
  response: { status: 201, schema: ZIncidentReply },
  errors: [404, 409],
  handle: async ({ rt, user, params, body }) => ({ incident: await splitIncident(rt, user, params.id!, body) }),
});

export const incidentRoutes = [
  listIncidentsRoute, countIncidentsRoute, getIncidentRoute, acknowledgeIncidentRoute, assignIncidentRoute, escalateIncidentRoute, closeIncidentRoute,
  mergeIncidentRoute, splitIncidentRoute,
];
