import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { auditSearch } from '@/lib/search/audit-search';
import { parseSearchParams } from '@/lib/search/parse-search-params';
import { requireAuditedPurpose } from '@/lib/search/purpose-gate';
import { searchEvents } from '@/lib/search/search-events';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** GET /api/search?purpose=offense:<type>|case:<number>&from=…&to=…[&bbox|polygon&kinds&q&plate&phone&cursor&limit] */
export async function GET(req: Request): Promise<Response> {
  try {
    const rt = runtime();
    const ip = clientIp(req.headers);
    const user = await requireUser(req, 'search.run');
    const sp = new URL(req.url).searchParams;
    // Every page, not only the first, carries the purpose: a cursor alone must not reopen a search.
    const purpose = await requireAuditedPurpose(rt.pool, user, sp.get('purpose'), { endpoint: 'search', ip });
    const q = { ...parseSearchParams(sp), purpose };
    const result = await searchEvents(rt.pool, user, q);
    // Only the first page is a new search; following pages are the same one read further.
    if (!q.cursor) await auditSearch(rt.pool, user, 'search.run', { endpoint: 'search', purpose, query: q }, ip);
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
