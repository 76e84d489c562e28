import { errorResponse } from '@/lib/errors/http';
import { requireUser } from '@/lib/policy/require-user';
import { callHistory } from '@/lib/search/call-history';
import { runtime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

/** GET /api/search/calls?address=… | ?phone=… [&days=365&limit=200] */
export async function GET(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'search.run');
    const sp = new URL(req.url).searchParams;
    const num = (k: string) => (sp.get(k) ? Number(sp.get(k)) : undefined);
    const input = { address: sp.get('address') ?? undefined, phone: sp.get('phone') ?? undefined, days: num('days'), limit: num('limit') };
    const events = await callHistory(runtime().pool, user, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
    return Response.json({ events }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
