import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { auditSearch } from '@/lib/search/audit-search';
import { exportEventsCsv } from '@/lib/search/export-events-csv';
import { parseSearchParams } from '@/lib/search/parse-search-params';
import { requireAuditedPurpose } from '@/lib/search/purpose-gate';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const rt = runtime();
    const ip = clientIp(req.headers);
    const user = await requireUser(req, 'export.create');
    const sp = new URL(req.url).searchParams;
    const purpose = await requireAuditedPurpose(rt.pool, user, sp.get('purpose'), { endpoint: 'export', ip });
    const q = { ...parseSearchParams(sp), purpose };
    // Audited before the first byte leaves: an export that cannot be recorded does not happen.
    await auditSearch(rt.pool, user, 'search.export', { endpoint: 'export', purpose, query: q }, ip);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new Response(exportEventsCsv(rt.pool, user, q), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="rtcc-search-${stamp}.csv"`,
        'cache-control': 'no-store',
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
