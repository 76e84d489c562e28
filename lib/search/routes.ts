import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { can } from '@/lib/policy/route-policy';
import { auditSearch } from './audit-search';
import { callHistory } from './call-history';
import { exportEventsCsv } from './export-events-csv';
import { loadRewind, ZRewindQuery } from './load-rewind';
import { parseSearchParams } from './parse-search-params';
import { requireAuditedPurpose } from './purpose-gate';
import { searchEvents } from './search-events';
import { ZSearchQuery } from './types';

const ZPurpose = z.object({ purpose: z.string().describe('offense:<type> or case:<number>: why this search is made (audited)') });
const num = (sp: URLSearchParams, k: string) => (sp.get(k) ? Number(sp.get(k)) : undefined);

export const searchRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/search',
    operationId: 'searchEvents',
    summary: 'Search stored events by place, time, kind, text, plate or phone (purpose-bound, audited)',
    policy: can('search.run'),
    queryDoc: ZSearchQuery,
    handle: async ({ rt, user, ip, req }) => {
      const sp = new URL(req.url).searchParams;
      // Every page, not only the first, carries the purpose: a cursor alone must not reopen a search.
      const purpose = await requireAuditedPurpose(rt.pool, user, sp.get('purpose'), { endpoint: 'search', ip });
      const q = { ...parseSearchParams(sp), purpose };
      const result = await searchEvents(rt.pool, user, q);
      // Only the first page is a new search; following pages are the same one read further.
      if (!q.cursor) await auditSearch(rt.pool, user, 'search.run', { endpoint: 'search', purpose, query: q }, ip);
      return result;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/search/calls',
    operationId: 'searchCallHistory',
    summary: 'Prior calls at an address or from a phone number (purpose-bound, audited)',
    policy: can('search.run'),
    queryDoc: ZPurpose.extend({ address: z.string().optional(), phone: z.string().optional(), days: z.number().optional(), limit: z.number().optional() }),
    handle: async ({ rt, user, ip, req }) => {
      const sp = new URL(req.url).searchParams;
      const purpose = await requireAuditedPurpose(rt.pool, user, sp.get('purpose'), { endpoint: 'calls', ip });
      const raw = { address: sp.get('address') ?? undefined, phone: sp.get('phone') ?? undefined, days: num(sp, 'days'), limit: num(sp, 'limit') };
      const input = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
      const events = await callHistory(rt.pool, user, input);
      await auditSearch(rt.pool, user, 'search.run', { endpoint: 'calls', purpose, query: input }, ip);
      return { events };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/search/export.csv',
    operationId: 'exportSearchCsv',
    summary: 'The same search as CSV (audited before the first byte leaves)',
    policy: can('export.create'),
    queryDoc: ZSearchQuery,
    response: { contentType: 'text/csv' },
    handle: async ({ rt, user, ip, req }) => {
      const sp = new URL(req.url).searchParams;
      const purpose = await requireAuditedPurpose(rt.pool, user, sp.get('purpose'), { endpoint: 'export', ip });
      const q = { ...parseSearchParams(sp), purpose };
      // An export that cannot be recorded does not happen.
      await auditSearch(rt.pool, user, 'search.export', { endpoint: 'export', purpose, query: q }, ip);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      return new Response(exportEventsCsv(rt.pool, user, q), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="rtcc-search-${stamp}.csv"`,
          'cache-control': 'no-store',
        },
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/search/rewind',
    operationId: 'loadRewind',
    summary: "The agency's traffic in a past window as compact columns, for the map's rewind (purpose-bound, audited)",
    policy: can('search.run'),
    queryDoc: z.intersection(ZPurpose, ZRewindQuery),
    handle: async ({ rt, user, ip, req }) => {
      const sp = new URL(req.url).searchParams;
      const purpose = await requireAuditedPurpose(rt.pool, user, sp.get('purpose'), { endpoint: 'rewind', ip });
      const window = { from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined };
      const frame = await loadRewind(rt.pool, user, window);
      await auditSearch(rt.pool, user, 'search.run', { endpoint: 'rewind', purpose, query: window }, ip);
      return frame;
    },
  }),
];
