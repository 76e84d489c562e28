import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { deleteRoute } from '@/lib/api/resource-routes';
import { can } from '@/lib/policy/route-policy';
import { addHotlistEntry, listHotlist, removeHotlistEntry, ZHotlistEntry } from './hotlist-entries';
import { importHotlist } from './import-hotlist';

const admin = can('admin.manage');

export const lprRoutes = [
  defineRoute({
    method: 'PUT',
    path: '/api/admin/hotlists',
    operationId: 'putHotlist',
    summary: "Replace the agency's LPR hotlist (CSV: plate, state, reason, priority, expiry)",
    policy: admin,
    rawBody: { contentTypes: ['text/csv'], description: 'CSV with header plate,state,reason,priority,expires_at' },
    errors: [413, 415],
    handle: ({ rt, user, req }) => importHotlist(rt, user, req),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/admin/hotlists/entries',
    operationId: 'listHotlist',
    summary: "The agency's hotlist (plates containing `search`), at most 500 entries",
    policy: admin,
    query: z.strictObject({ search: z.string().max(20).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
    handle: ({ rt, user, query }) => listHotlist(rt.pool, user.agencyId, query),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/admin/hotlists/entries',
    operationId: 'addHotlistEntry',
    summary: 'Add one plate (or replace its entry: same plate and state)',
    policy: admin,
    body: ZHotlistEntry,
    bodyLimit: 2048,
    response: { status: 201 },
    handle: async ({ rt, user, body, ip }) => Response.json(await addHotlistEntry(rt.pool, user, body, ip), { status: 201 }),
  }),
  deleteRoute({
    path: '/api/admin/hotlists/entries/[id]',
    operationId: 'removeHotlistEntry',
    summary: 'Remove one plate from the hotlist',
    policy: admin,
    remove: removeHotlistEntry,
  }),
];
