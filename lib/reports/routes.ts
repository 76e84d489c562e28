import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { auditExport } from '@/lib/audit/record';
import { districtIndex } from '@/lib/districts/district-index';
import { can } from '@/lib/policy/route-policy';
import { buildIncidentReport } from './build-incident-report';
import { renderReportHtml } from './render-report-html';

export const reportRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/incidents/[id]/report',
    operationId: 'getIncidentReport',
    summary: 'One incident as a printable HTML report (timeline, map, events, units, cameras, notes, priority history); audited',
    description: '`download=1` answers it as an attachment (a file to keep); otherwise it opens to read or print. Both are audited.',
    policy: can('incident.report'),
    query: z.strictObject({ download: z.enum(['0', '1']).optional() }),
    response: { contentType: 'text/html' },
    errors: [404],
    handle: async ({ rt, user, ip, params, query }) => {
      const report = await buildIncidentReport(rt.pool, user.agencyId, params.id!);
      const download = query.download === '1';
      // Awaited before a byte is sent: an export whose audit row cannot be written does not happen.
      await auditExport(rt.pool, {
        user, ip, targetType: 'incident-report', targetId: report.incident.id,
        details: { number: report.incident.number, disposition: download ? 'download' : 'view', events: report.events.length, notes: report.notes.length },
      });
      const html = renderReportHtml(report, districtIndex().districts, `${user.displayName} (${user.username})`);
      const name = `incident-${report.incident.number.replace(/[^\w-]/g, '_')}-report.html`;
      return new Response(html, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${name}"`,
          'x-robots-tag': 'noindex',
        },
      });
    },
  }),
];
