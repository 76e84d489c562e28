import { errorResponse } from '@/lib/errors/http';
import { clientIp } from '@/lib/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { auditSearch } from '@/lib/search/audit-search';
import { parseSearchParams } from '@/lib/search/parse-search-params';
import { searchEvents } from '@/lib/search/search-events';
import { runtime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const rt = runtime();
    const user = await requireUser(req, 'search.run');
    const q = parseSearchParams(new URL(req.url).searchParams);
    const result = await searchEvents(rt.pool, user, q);
    // Only the first page is a new search; following pages are the same one read further.
    if (!q.cursor) await auditSearch(rt.pool, user, 'search.run', q, clientIp(req.headers));
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
