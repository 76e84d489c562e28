import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { auditSearch } from '@/lib/search/audit-search';
import { callHistory } from '@/lib/search/call-history';
import { requireAuditedPurpose } from '@/lib/search/purpose-gate';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** GET /api/search/calls?purpose=…&address=… | ?purpose=…&phone=… [&days=365&limit=200] */
export async function GET(req: Request): Promise<Response> {
  try {
    const rt = runtime();
    const ip = clientIp(req.headers);
    const user = await requireUser(req, 'search.run');
    const sp = new URL(req.url).searchParams;
    const purpose = await requireAuditedPurpose(rt.pool, user, sp.get('purpose'), { endpoint: 'calls', ip });
    const num = (k: string) => (sp.get(k) ? Number(sp.get(k)) : undefined);
    const raw = { address: sp.get('address') ?? undefined, phone: sp.get('phone') ?? undefined, days: num('days'), limit: num('limit') };
    const input = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
    const events = await callHistory(rt.pool, user, input);
    await auditSearch(rt.pool, user, 'search.run', { endpoint: 'calls', purpose, query: input }, ip);
    return Response.json({ events }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
