import { errorResponse } from '@/lib/errors/http';
import { requireUser } from '@/lib/policy/require-user';
import { loadRewind } from '@/lib/search/load-rewind';
import { runtime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

/** GET /api/search/rewind?from=…&to=… (≤ 48 h): the agency's traffic in the window as compact columns. */
export async function GET(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'search.run');
    const sp = new URL(req.url).searchParams;
    const frame = await loadRewind(runtime().pool, user, { from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined });
    return Response.json(frame, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
