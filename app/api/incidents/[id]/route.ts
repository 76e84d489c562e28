import { auditIncidentRead } from '@/lib/audit/record';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { clientIp } from '@/lib/platform/http/request-meta';
import { getIncident } from '@/lib/incidents/get-incident';
import { requireUser } from '@/lib/policy/require-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

/** GET /api/incidents/[id] — linked events, cameras, units, nearest available units, history. Audited read. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await requireUser(req, 'incident.read');
    const { pool } = runtime();
    const detail = await getIncident(pool, user.agencyId, (await params).id);
    await auditIncidentRead(pool, { user, ip: clientIp(req.headers), incidentId: detail.incident.id });
    return Response.json(detail, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
