import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { listRoute } from '@/lib/api/resource-routes';
import { ZAssignee, ZHandoffBody, ZNoteBody, ZNoteDto, ZOwnerBody } from '@/lib/domain/teamwork';
import { can } from '@/lib/policy/route-policy';
import { addNote } from './add-note';
import { listAssignees } from './assignees';
import { handOff } from './hand-off';
import { loadIncidentRef } from './load-incident';
import { selectNotes } from './note-rows';
import { setOwner } from './set-owner';

export const noteRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/incidents/[id]/notes',
    operationId: 'listIncidentNotes',
    summary: "An incident's notes thread (notes, assignments, hand-offs, briefs sent), oldest first",
    policy: can('incident.read'),
    response: { schema: z.object({ notes: z.array(ZNoteDto) }) },
    errors: [404],
    handle: async ({ rt, user, params }) => {
      const inc = await loadIncidentRef(rt.pool, user.agencyId, params.id!);
      return { notes: await selectNotes(rt.pool, inc.id) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/incidents/[id]/notes',
    operationId: 'addIncidentNote',
    summary: 'Add a note (audited, pushed live); @username and @role mention people',
    policy: can('incident.update'),
    body: ZNoteBody,
    response: { status: 201, schema: z.object({ note: ZNoteDto }) },
    errors: [404],
    handle: async ({ rt, user, params, body, ip }) => ({ note: await addNote(rt, user, params.id!, body, ip) }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/incidents/[id]/owner',
    operationId: 'setIncidentOwner',
    summary: 'Assign the incident to an operator (its owner, "monitored by"), or release it with null',
    policy: can('incident.update'),
    body: ZOwnerBody,
    response: { schema: z.object({ note: ZNoteDto }) },
    errors: [404, 409],
    handle: async ({ rt, user, params, body, ip }) => ({ note: await setOwner(rt, user, params.id!, body, ip) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/handoffs',
    operationId: 'handOffIncidents',
    summary: 'Shift change: pass your open incidents (all, or those listed) to another operator with a note',
    policy: can('incident.update'),
    body: ZHandoffBody,
    response: { schema: z.object({ toUserId: z.string(), incidentIds: z.array(z.string()) }) },
    errors: [409],
    handle: async ({ rt, user, body, ip }) => handOff(rt, user, body, ip),
  }),
  listRoute({
    path: '/api/assignees',
    operationId: 'listAssignees',
    summary: "The agency's operators, supervisors and admins who can own incidents",
    policy: can('incident.update'),
    key: 'assignees',
    item: ZAssignee,
    list: listAssignees,
  }),
];
