import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { auditSearch } from '@/lib/search/audit-search';
import { loadRewind } from '@/lib/search/load-rewind';
import { requireAuditedPurpose } from '@/lib/search/purpose-gate';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/**
 * GET /api/search/rewind?purpose=offense:<type>|case:<number>&from=…&to=… (≤ 48 h): the agency's traffic in the
 * window as compact columns. History is a search: refused (400, audited) without a stated purpose.
 */
export async function GET(req: Request): Promise<Response> {
  try {
    const rt = runtime();
    const ip = clientIp(req.headers);
    const user = await requireUser(req, 'search.run');
    const sp = new URL(req.url).searchParams;
    const purpose = await requireAuditedPurpose(rt.pool, user, sp.get('purpose'), { endpoint: 'rewind', ip });
    const window = { from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined };
    const frame = await loadRewind(rt.pool, user, window);
    await auditSearch(rt.pool, user, 'search.run', { endpoint: 'rewind', purpose, query: window }, ip);
    return Response.json(frame, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
