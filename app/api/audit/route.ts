import { audit } from '@/lib/audit/audit';
import { listAudit, parseAuditFilter } from '@/lib/audit/list-audit';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** Admin audit viewer API: `?action=auth.&actor=&outcome=deny&from=&to=&before=<id>&limit=`. */
export async function GET(req: Request): Promise<Response> {
  try {
    const user = await requireUser(req, 'audit.read');
    const filter = parseAuditFilter(new URL(req.url).searchParams);
    const pool = runtime().pool;
    const page = await listAudit(pool, filter);
    await audit(pool, { actor: user, action: 'audit.read', targetType: 'audit_log', ip: clientIp(req.headers), outcome: 'allow', details: { filter } });
    return Response.json(page, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
